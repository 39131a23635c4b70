/**
 * Reads a stored invoice PDF the way a receiver's tools would, to check that it is a Factur-X
 * on a PDF/A-3b: poppler-utils (`pdffonts`, `pdfinfo`, `pdfdetach`, `pdftotext`, installed by
 * `.ci/run`) for fonts, metadata, attachments and text, and a small reader of PDFKit's object
 * layout for what poppler does not show (the catalog's /AF and /OutputIntents, a file
 * specification's /AFRelationship, the ICC profile).
 *
 * Necessary conditions of PDF/A-3b, not a validation (no veraPDF offline): it does not check
 * the font programs against their widths, the content streams' operators, the XMP against the
 * schemas' value types, nor the many other clauses of ISO 19005-3.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { XMLValidator } from 'fast-xml-parser';

export const FACTUR_X_NAMESPACE = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';

export interface PdfFont {
  name: string;
  type: string;
  encoding: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

export interface FacturXPdfReport {
  /** `%PDF-1.7`'s version. */
  pdfVersion: string;
  /** As `pdffonts` lists them. */
  fonts: PdfFont[];
  /** Names of the embedded files (`pdfdetach -list`). */
  attachments: string[];
  /** The bytes of `factur-x.xml` as `pdfdetach` saves them; null without one. */
  facturXml: Buffer | null;
  /** The XMP packet (`pdfinfo -meta`); `readXmp` throws if it is not well-formed XML. */
  xmp: string;
  pdfaid: { part: string | null; conformance: string | null };
  /** The fx: values, and the namespace URIs the XMP's PDF/A extension schemas declare. */
  facturX: {
    documentType: string | null;
    documentFileName: string | null;
    version: string | null;
    conformanceLevel: string | null;
    /** The names of the properties the extension schema of the fx namespace declares. */
    declaredProperties: string[];
  };
  /** The Info dictionary (`pdfinfo -isodates`) beside the XMP properties PDF/A pairs with it. */
  info: Record<
    'Title' | 'Author' | 'Subject' | 'Creator' | 'Producer' | 'CreationDate',
    string | null
  >;
  infoInXmp: Record<
    'Title' | 'Author' | 'Subject' | 'Creator' | 'Producer' | 'CreationDate',
    string | null
  >;
  /** Each file specification of the catalog's /AF. */
  associatedFiles: { name: string | null; relationship: string | null; mimeType: string | null }[];
  /** Each of the catalog's /OutputIntents, with its ICC profile's header. */
  outputIntents: {
    subtype: string | null;
    outputConditionIdentifier: string | null;
    profile: {
      components: number | null;
      colorSpace: string;
      deviceClass: string;
      /** The stream holds as many bytes as the profile's header says it has. */
      complete: boolean;
    } | null;
  }[];
}

/** Everything the Factur-X and PDF/A checks look at, read from the PDF's bytes. */
export function inspectFacturXPdf(pdf: Buffer): FacturXPdfReport {
  return withPdfFile(pdf, (file) => {
    const xmp = readXmpOf(file);
    const objects = readPdfObjects(pdf);
    const catalog = objects.get(objects.root);
    const facturXSchema = extensionSchema(xmp, FACTUR_X_NAMESPACE);
    const info = pdfInfo(file);
    const attachments = listAttachments(file);
    return {
      pdfVersion: /^%PDF-(\d\.\d)/.exec(pdf.subarray(0, 16).toString('latin1'))?.[1] ?? '',
      fonts: pdfFonts(file),
      attachments,
      facturXml: attachments.includes('factur-x.xml') ? saveAttachment(file, 'factur-x.xml') : null,
      xmp,
      pdfaid: {
        part: xmpValue(xmp, 'pdfaid:part'),
        conformance: xmpValue(xmp, 'pdfaid:conformance'),
      },
      facturX: {
        documentType: xmpValue(xmp, 'fx:DocumentType'),
        documentFileName: xmpValue(xmp, 'fx:DocumentFileName'),
        version: xmpValue(xmp, 'fx:Version'),
        conformanceLevel: xmpValue(xmp, 'fx:ConformanceLevel'),
        declaredProperties: facturXSchema ? xmpValues(facturXSchema, 'pdfaProperty:name') : [],
      },
      info: {
        Title: info.get('Title') ?? null,
        Author: info.get('Author') ?? null,
        Subject: info.get('Subject') ?? null,
        Creator: info.get('Creator') ?? null,
        Producer: info.get('Producer') ?? null,
        CreationDate: info.get('CreationDate') ?? null,
      },
      infoInXmp: {
        Title: xmpValue(xmp, 'dc:title'),
        Author: xmpValue(xmp, 'dc:creator'),
        Subject: xmpValue(xmp, 'dc:description'),
        Creator: xmpValue(xmp, 'xmp:CreatorTool'),
        Producer: xmpValue(xmp, 'pdf:Producer'),
        CreationDate: xmpValue(xmp, 'xmp:CreateDate'),
      },
      associatedFiles: references(catalog.dictionary, 'AF').map((id) => {
        const spec = objects.get(id).dictionary;
        const streamId = /\/EF\s*<<\s*\/F\s+(\d+)\s+0\s+R/.exec(spec)?.[1];
        const stream = streamId ? objects.get(Number(streamId)).dictionary : '';
        return {
          name: literalString(spec, 'UF') ?? literalString(spec, 'F'),
          relationship: nameValue(spec, 'AFRelationship'),
          mimeType: nameValue(stream, 'Subtype'),
        };
      }),
      outputIntents: references(catalog.dictionary, 'OutputIntents').map((id) => {
        const intent = objects.get(id).dictionary;
        const profileId = /\/DestOutputProfile\s+(\d+)\s+0\s+R/.exec(intent)?.[1];
        return {
          subtype: nameValue(intent, 'S'),
          outputConditionIdentifier: literalString(intent, 'OutputConditionIdentifier'),
          profile: profileId ? iccHeader(objects.get(Number(profileId))) : null,
        };
      }),
    };
  });
}

/** The bytes of one embedded file, as `pdfdetach -savefile` writes them. */
export function extractEmbeddedFile(pdf: Buffer, name = 'factur-x.xml'): Buffer {
  return withPdfFile(pdf, (file) => saveAttachment(file, name));
}

/** The XMP packet of the PDF (`pdfinfo -meta`), checked well-formed. */
export function readXmp(pdf: Buffer): string {
  return withPdfFile(pdf, readXmpOf);
}

/** The text of the pages, in reading order (`pdftotext`, UTF-8). */
export function pdfText(pdf: Buffer): string {
  return withPdfFile(pdf, (file) => run('pdftotext', ['-enc', 'UTF-8', file, '-']));
}

/**
 * The text of an XMP property: a simple value, or the first item of an rdf:Alt, rdf:Seq or
 * rdf:Bag. Null when absent.
 */
export function xmpValue(xmp: string, property: string): string | null {
  return xmpValues(xmp, property)[0] ?? null;
}

function xmpValues(xmp: string, property: string): string[] {
  const element = new RegExp(
    `<${escapeRegExp(property)}(?:\\s[^>]*)?>([\\s\\S]*?)</${escapeRegExp(property)}>`,
    'g',
  );
  return [...xmp.matchAll(element)].map((match) => {
    const item = /<rdf:li(?:\s[^>]*)?>([\s\S]*?)<\/rdf:li>/.exec(match[1]);
    return decodeXmlText((item ? item[1] : match[1]).trim());
  });
}

/** The rdf:li of pdfaExtension:schemas that declares `namespace`, as XML text. */
function extensionSchema(xmp: string, namespace: string): string | null {
  const schemas = /<pdfaExtension:schemas>([\s\S]*?)<\/pdfaExtension:schemas>/.exec(xmp)?.[1] ?? '';
  return (
    schemas
      .split(/<pdfaSchema:schema>/)
      .slice(1)
      .find((schema) => xmpValue(schema, 'pdfaSchema:namespaceURI') === namespace) ?? null
  );
}

function readXmpOf(file: string): string {
  const xmp = run('pdfinfo', ['-meta', file]);
  const packet = xmp.slice(xmp.indexOf('<?xpacket'));
  const verdict = XMLValidator.validate(packet);
  if (verdict !== true) {
    throw new Error(`The XMP is not well-formed: ${verdict.err.msg} (line ${verdict.err.line})`);
  }
  return packet;
}

function pdfFonts(file: string): PdfFont[] {
  const lines = run('pdffonts', [file]).split('\n');
  // Columns are as wide as the dashes under their titles.
  const rule = lines.findIndex((line) => line.startsWith('---'));
  const columns: [number, number][] = [];
  for (const match of lines[rule].matchAll(/-+/g)) {
    columns.push([match.index, match.index + match[0].length]);
  }
  return lines
    .slice(rule + 1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [name, type, encoding, embedded, subset, unicode] = columns.map(([from, to]) =>
        line.slice(from, to).trim(),
      );
      return {
        name,
        type,
        encoding,
        embedded: embedded === 'yes',
        subset: subset === 'yes',
        unicode: unicode === 'yes',
      };
    });
}

function pdfInfo(file: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of run('pdfinfo', ['-isodates', '-enc', 'UTF-8', file]).split('\n')) {
    const match = /^([A-Za-z]+):\s+(.*)$/.exec(line);
    if (match) entries.set(match[1], match[2]);
  }
  return entries;
}

function listAttachments(file: string): string[] {
  return run('pdfdetach', ['-list', '-enc', 'UTF-8', file])
    .split('\n')
    .map((line) => /^\d+: (.*)$/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

function saveAttachment(file: string, name: string): Buffer {
  const target = path.join(path.dirname(file), 'attachment');
  run('pdfdetach', ['-savefile', name, '-o', target, file]);
  return readFileSync(target);
}

function withPdfFile<T>(pdf: Buffer, read: (file: string) => T): T {
  const directory = mkdtempSync(path.join(tmpdir(), 'mutualis-pdf-'));
  try {
    const file = path.join(directory, 'document.pdf');
    writeFileSync(file, pdf);
    return read(file);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') {
      throw new Error(`${command} is missing: install poppler-utils (.ci/run does)`);
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// PDFKit's files: a classic cross-reference table, no object streams, dictionaries written as
// text with their string literals escaped (a raw line feed never occurs inside one). Enough to
// follow references from the catalog; not a general PDF parser.
// ---------------------------------------------------------------------------------------------

interface PdfObject {
  dictionary: string;
  stream: Buffer | null;
}

function readPdfObjects(pdf: Buffer): { root: number; get(id: number): PdfObject } {
  const text = pdf.toString('latin1');
  const startXref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const table = /^xref\n0 (\d+)\n/.exec(text.slice(startXref));
  if (!table) throw new Error('No cross-reference table where startxref points');
  const offsets = new Map<number, number>();
  const entries = text.slice(startXref + table[0].length).split('\n');
  for (let id = 0; id < Number(table[1]); id += 1) {
    const entry = /^(\d{10}) \d{5} n/.exec(entries[id]);
    if (entry) offsets.set(id, Number(entry[1]));
  }
  const trailer = text.slice(text.lastIndexOf('trailer'));
  const root = Number(/\/Root\s+(\d+)\s+0\s+R/.exec(trailer)?.[1]);
  return {
    root,
    get(id: number): PdfObject {
      const offset = offsets.get(id);
      if (offset === undefined) throw new Error(`No object ${id} in the cross-reference table`);
      const header = `${id} 0 obj\n`;
      if (!text.startsWith(header, offset)) throw new Error(`Object ${id} is not at its offset`);
      const start = offset + header.length;
      const streamAt = text.indexOf('\nstream\n', start);
      const endAt = text.indexOf('\nendobj', start);
      if (streamAt === -1 || streamAt > endAt) {
        return { dictionary: text.slice(start, endAt), stream: null };
      }
      const dictionary = text.slice(start, streamAt);
      const length = Number(/\/Length\s+(\d+)/.exec(dictionary)?.[1]);
      const from = streamAt + '\nstream\n'.length;
      const raw = pdf.subarray(from, from + length);
      return {
        dictionary,
        stream: /\/Filter\s*\/FlateDecode/.test(dictionary) ? inflateSync(raw) : raw,
      };
    },
  };
}

function references(dictionary: string, key: string): number[] {
  const array = new RegExp(`/${key}\\s*\\[([^\\]]*)\\]`).exec(dictionary)?.[1] ?? '';
  return [...array.matchAll(/(\d+)\s+0\s+R/g)].map((match) => Number(match[1]));
}

/** A /Name value, with its #xx escapes decoded (`/text#2Fxml` is text/xml). */
function nameValue(dictionary: string, key: string): string | null {
  const value = new RegExp(`/${key}\\s*/([^\\s/<>\\[\\]()]+)`).exec(dictionary)?.[1];
  return value === undefined
    ? null
    : value.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      );
}

/** A (literal string) value in PDFDocEncoding's ASCII range, or UTF-16BE with its BOM. */
function literalString(dictionary: string, key: string): string | null {
  const value = new RegExp(`/${key}\\s*\\(((?:\\\\.|[^\\\\)])*)\\)`).exec(dictionary)?.[1];
  if (value === undefined) return null;
  const bytes = Buffer.from(
    value.replace(
      /\\([nrtbf()\\])/g,
      (_, escaped: string) => ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' })[escaped] ?? escaped,
    ),
    'latin1',
  );
  return bytes[0] === 0xfe && bytes[1] === 0xff
    ? bytes.subarray(2).swap16().toString('utf16le')
    : bytes.toString('latin1');
}

/** ICC.1 header: size at byte 0, device class at 12, colour space at 16, `acsp` at 36. */
function iccHeader(object: PdfObject) {
  const profile = object.stream;
  if (!profile || profile.subarray(36, 40).toString('latin1') !== 'acsp') return null;
  return {
    components: Number(/\/N\s+(\d+)/.exec(object.dictionary)?.[1] ?? NaN) || null,
    deviceClass: profile.subarray(12, 16).toString('latin1'),
    colorSpace: profile.subarray(16, 20).toString('latin1'),
    complete: profile.readUInt32BE(0) === profile.length,
  };
}

function decodeXmlText(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[entity] ?? entity;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The PDF/A-3b conditions these tools can see (a test's expectations; no veraPDF offline). */
export function expectPdfA3b(report: FacturXPdfReport): void {
  expect(report.pdfVersion).toBe('1.7');
  expect(report.pdfaid).toEqual({ part: '3', conformance: 'B' });
  // Every font embedded, as a subset with its Unicode map (text can be copied and searched).
  expect(report.fonts.length).toBeGreaterThan(0);
  for (const font of report.fonts) {
    expect(font).toMatchObject({ embedded: true, subset: true, unicode: true });
  }
  // PDF/A: what the Info dictionary says, the XMP says alike.
  expect(report.infoInXmp).toEqual(report.info);
  expect(report.outputIntents).toEqual([
    {
      subtype: 'GTS_PDFA1',
      outputConditionIdentifier: 'sRGB IEC61966-2.1',
      profile: { components: 3, colorSpace: 'RGB ', deviceClass: 'mntr', complete: true },
    },
  ]);
}
