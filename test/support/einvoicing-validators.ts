import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { validateXML } from 'xmllint-wasm';

/**
 * The official e-invoicing validation artefacts of the French e-invoicing forum (FNFE-MPE,
 * `shared/fixtures/einvoicing/`, see its README), run on a CII XML:
 * - `xsd`: the Factur-X 1.09 EN16931 XML schema, through xmllint compiled to WebAssembly;
 * - `factur-x`: the Factur-X EN16931 schematron (with its code database);
 * - `en16931`: the CEN EN 16931 rules bound to CII;
 * - `br-fr`: the French CTC rules (BR-FR, Flux 2).
 * The schematrons are XSLT 2.0, run by SaxonJS in this process. SaxonJS runs only compiled
 * stylesheets (SEF): compiling one takes tens of seconds, so each is compiled once per version
 * of the file and kept outside the repository, in the user's cache.
 */
export type ValidatorName = 'xsd' | 'factur-x' | 'en16931' | 'br-fr';

export interface Finding {
  /** The rule's id (`BR-FR-05_BT-22_PMD`, `BR-CO-25`), or `XSD` for a schema error. */
  id: string;
  /** `fatal` (an error) or `warning`; an assertion with no flag is an error. */
  flag: 'fatal' | 'warning';
  /** Where in the document: the rule's XPath, or the schema error's line. */
  location: string;
  text: string;
}

export interface ValidatorReport {
  validator: ValidatorName;
  fatal: Finding[];
  warnings: Finding[];
  durationMs: number;
}

export interface EinvoicingValidators {
  /** Every validator's report on one CII XML document. */
  validate(xml: string): Promise<ValidatorReport[]>;
  /** How long preparing took per schematron, and whether its SEF came from the cache. */
  readonly preparation: readonly { validator: ValidatorName; ms: number; cached: boolean }[];
}

const REPO_ROOT = path.resolve(__dirname, '../..');

/** `shared/fixtures/` beside the repository (as CI lays it out), or where FIXTURES_DIR says. */
export function fixturesRoot(): string {
  return process.env.FIXTURES_DIR ?? path.resolve(REPO_ROOT, '../shared/fixtures');
}

function artefactsDir(): string {
  return path.join(fixturesRoot(), 'einvoicing/factur-x-en16931');
}

interface Schematron {
  validator: Exclude<ValidatorName, 'xsd'>;
  file: string;
  /** Files the stylesheet reads beside itself at run time (`document('…')`). */
  companions: readonly string[];
}

const SCHEMATRONS: readonly Schematron[] = [
  {
    validator: 'factur-x',
    file: 'FACTUR-X_EN16931.xslt',
    companions: ['FACTUR-X_EN16931_codedb.xml'],
  },
  { validator: 'en16931', file: 'EN16931-CII-validation.xslt', companions: [] },
  { validator: 'br-fr', file: 'BR-FR-Flux2-Schematron-CII.xslt', companions: [] },
];

const XSD_DIR = 'xsd';
const XSD_MAIN = 'Factur-X_EN16931.xsd';

/** `${XDG_CACHE_HOME:-$HOME/.cache}/mutualis/einvoicing`: never inside the repository. */
export function sefCacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(base, 'mutualis', 'einvoicing');
}

/** The subset of SaxonJS's API used here (it ships no type declarations). */
interface SaxonJs {
  transform(
    options: {
      stylesheetInternal: unknown;
      stylesheetBaseURI: string;
      sourceText: string;
      destination: 'raw';
    },
    mode: 'sync',
  ): { principalResult: unknown };
  XPath: {
    evaluate(
      expression: string,
      context: unknown,
      options: { namespaceContext: Record<string, string> },
    ): unknown;
  };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- SaxonJS is CommonJS without types
const SaxonJS = require('saxon-js') as SaxonJs;

interface CompiledSchematron {
  validator: Schematron['validator'];
  sef: unknown;
  baseUri: string;
}

let prepared: Promise<EinvoicingValidators> | undefined;

/**
 * The four validators, ready: each schematron's SEF read from the cache, or compiled into it
 * first (once per process; concurrent callers share the same preparation).
 */
export function einvoicingValidators(): Promise<EinvoicingValidators> {
  prepared ??= prepare();
  return prepared;
}

async function prepare(): Promise<EinvoicingValidators> {
  const preparation: { validator: ValidatorName; ms: number; cached: boolean }[] = [];
  // One after another: on a machine of two cores, three compilers at once each take longer than
  // the three in a row.
  const schematrons: CompiledSchematron[] = [];
  for (const schematron of SCHEMATRONS) {
    const started = performance.now();
    const { sefPath, cached } = await compiledSef(schematron);
    const sef: unknown = JSON.parse(await readFile(sefPath, 'utf8'));
    preparation.push({
      validator: schematron.validator,
      ms: Math.round(performance.now() - started),
      cached,
    });
    schematrons.push({
      validator: schematron.validator,
      sef,
      baseUri: pathToFileURL(sefPath).href,
    });
  }
  const xsdFiles = await schemaFiles();
  return {
    preparation,
    async validate(xml: string): Promise<ValidatorReport[]> {
      return [
        await validateAgainstXsd(xml, xsdFiles),
        ...schematrons.map((s) => runSchematron(s, xml)),
      ];
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The SEF cache
// ---------------------------------------------------------------------------------------------

/**
 * The SEF of a schematron, compiled if the cache lacks it. The cache folder is named by the
 * SHA-256 of the stylesheet and of the files it reads beside itself, which are copied there too:
 * the SEF is exported relocatable, so `document('FACTUR-X_EN16931_codedb.xml')` resolves beside
 * it. Every file is written under a temporary name and renamed into place, companions before the
 * SEF: parallel Jest workers compiling at once each write whole files, and a SEF present means
 * its companions are.
 */
async function compiledSef(schematron: Schematron): Promise<{ sefPath: string; cached: boolean }> {
  const source = path.join(artefactsDir(), 'schematron', schematron.file);
  const hash = createHash('sha256').update(await readFile(source));
  for (const companion of schematron.companions) {
    hash.update(await readFile(path.join(artefactsDir(), 'schematron', companion)));
  }
  const folder = path.join(sefCacheRoot(), hash.digest('hex'));
  const sefPath = path.join(folder, schematron.file.replace(/\.xslt$/, '.sef.json'));
  if (existsSync(sefPath)) return { sefPath, cached: true };

  await mkdir(folder, { recursive: true });
  const temporary = (target: string) =>
    `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  for (const companion of schematron.companions) {
    const target = path.join(folder, companion);
    const staged = temporary(target);
    await writeFile(staged, await readFile(path.join(artefactsDir(), 'schematron', companion)));
    await rename(staged, target);
  }
  const staged = temporary(sefPath);
  try {
    await promisify(execFile)(
      process.execPath,
      [require.resolve('xslt3'), `-xsl:${source}`, `-export:${staged}`, '-nogo', '-relocate:on'],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    await rename(staged, sefPath);
  } finally {
    await rm(staged, { force: true });
  }
  return { sefPath, cached: false };
}

// ---------------------------------------------------------------------------------------------
// Running them
// ---------------------------------------------------------------------------------------------

const SVRL = 'http://purl.oclc.org/dsdl/svrl';

/**
 * Runs a schematron and reads its SVRL report: every failed assertion, and every successful
 * report (a rule phrased as « report when … »), with the flag the rule gives it.
 */
function runSchematron(compiled: CompiledSchematron, xml: string): ValidatorReport {
  const started = performance.now();
  const { principalResult } = SaxonJS.transform(
    {
      stylesheetInternal: compiled.sef,
      stylesheetBaseURI: compiled.baseUri,
      sourceText: xml,
      destination: 'raw',
    },
    'sync',
  );
  const found = SaxonJS.XPath.evaluate(
    `array { for $f in (descendant-or-self::svrl:failed-assert, descendant-or-self::svrl:successful-report) return map {
       'id': string($f/@id), 'flag': string($f/@flag), 'location': string($f/@location),
       'text': normalize-space(string($f/svrl:text)) } }`,
    principalResult,
    { namespaceContext: { svrl: SVRL } },
  ) as { id: string; flag: string; location: string; text: string }[];
  const findings: Finding[] = found.map((finding) => ({
    id: finding.id,
    flag: finding.flag === 'warning' ? 'warning' : 'fatal',
    location: finding.location,
    text: finding.text,
  }));
  return report(compiled.validator, findings, started);
}

async function schemaFiles(): Promise<{ fileName: string; contents: string }[]> {
  const folder = path.join(artefactsDir(), XSD_DIR);
  const names = (await readdir(folder)).filter((name) => name.endsWith('.xsd')).sort();
  return Promise.all(
    names.map(async (fileName) => ({
      fileName,
      contents: await readFile(path.join(folder, fileName), 'utf8'),
    })),
  );
}

async function validateAgainstXsd(
  xml: string,
  files: readonly { fileName: string; contents: string }[],
): Promise<ValidatorReport> {
  const started = performance.now();
  const main = files.find((file) => file.fileName === XSD_MAIN);
  if (!main) throw new Error(`${XSD_MAIN} is missing from ${path.join(artefactsDir(), XSD_DIR)}`);
  const result = await validateXML({
    xml: { fileName: 'factur-x.xml', contents: xml },
    schema: main,
    preload: files.filter((file) => file !== main),
  });
  const findings: Finding[] = result.errors.map((error) => ({
    id: 'XSD',
    flag: 'fatal',
    location: error.loc ? `line ${error.loc.lineNumber}` : '',
    text: error.message,
  }));
  if (!result.valid && findings.length === 0) {
    findings.push({ id: 'XSD', flag: 'fatal', location: '', text: result.rawOutput });
  }
  return report('xsd', findings, started);
}

function report(validator: ValidatorName, findings: Finding[], started: number): ValidatorReport {
  return {
    validator,
    fatal: findings.filter((finding) => finding.flag === 'fatal'),
    warnings: findings.filter((finding) => finding.flag === 'warning'),
    durationMs: Math.round(performance.now() - started),
  };
}

/** One line per finding, for a test's failure message or its log. */
export function describeFindings(
  reports: readonly ValidatorReport[],
  flag: Finding['flag'],
): string {
  return reports
    .flatMap((r) =>
      (flag === 'fatal' ? r.fatal : r.warnings).map(
        (finding) => `[${r.validator}] ${finding.id} at ${finding.location}: ${finding.text}`,
      ),
    )
    .join('\n');
}
