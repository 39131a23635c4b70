import { parse } from 'csv-parse/sync';
import { isEmail } from 'class-validator';
import {
  DEPARTMENT_PATTERN,
  departmentOfPostalCode,
  isValidRna,
  isValidSiret,
  LegalForm,
  LOCAL_LAW_DEPARTMENTS,
  normaliseEmail,
  normaliseSiret,
} from '@mutualis/identity';
import { MembershipErrorCode, MembershipException } from '../membership.exception';
import type { MemberFamily } from '../membership.types';

/**
 * The Chambre's member spreadsheet, as exported by people: French headers in any case and with
 * or without accents, `;` or `,` between fields, UTF-8 (with or without BOM) or Windows-1252.
 * This file turns it into lines an import can apply, each valid or refused with its reasons;
 * what exists already (create or update) is for the database to say.
 */

/** The columns, each with the header spellings people use (compared without case or accents). */
const COLUMNS = {
  siret: ['siret', 'n siret', 'numero siret'],
  rna: ['rna', 'n rna', 'numero rna'],
  legalName: ['raison sociale', 'nom', 'denomination'],
  legalForm: ['forme juridique', 'statut juridique'],
  address: ['adresse'],
  postalCode: ['code postal', 'cp'],
  city: ['ville', 'commune'],
  contactEmail: ['e-mail de contact', 'email de contact', 'mail de contact', 'e-mail', 'email'],
  fee: ['cotisation', 'montant cotisation', 'cotisation (eur)'],
  yearsPaid: ['annees payees', 'annees de cotisation payees', 'annees'],
} as const;
type Column = keyof typeof COLUMNS;

/** Without them no line can be imported: the whole file is refused. SIRET or RNA: one at least. */
const REQUIRED: readonly Column[] = [
  'legalName',
  'legalForm',
  'address',
  'postalCode',
  'city',
  'contactEmail',
  'fee',
  'yearsPaid',
];

/** The printed name of each column, for messages. */
const COLUMN_LABELS: Record<Column, string> = {
  siret: 'siret',
  rna: 'rna',
  legalName: 'raison sociale',
  legalForm: 'forme juridique',
  address: 'adresse',
  postalCode: 'code postal',
  city: 'ville',
  contactEmail: 'e-mail de contact',
  fee: 'cotisation',
  yearsPaid: 'années payées',
};

/** What people write as legal form, to the organisation's legal form and its fee-grid family. */
const LEGAL_FORM_SPELLINGS: readonly {
  spellings: readonly string[];
  legalForm: LegalForm;
  family: MemberFamily;
}[] = [
  {
    spellings: [
      'association',
      'association loi 1901',
      'association loi 1908',
      'asso',
      'association 1901',
    ],
    legalForm: 'association',
    family: 'association',
  },
  // A federation or network of the ESS is, legally, an association of associations.
  {
    spellings: ['federation', 'reseau', 'federation ou reseau', 'tete de reseau'],
    legalForm: 'association',
    family: 'federation',
  },
  {
    spellings: [
      'scop',
      'societe cooperative et participative',
      'societe cooperative de production',
    ],
    legalForm: 'scop',
    family: 'cooperative',
  },
  {
    spellings: ['scic', "societe cooperative d'interet collectif"],
    legalForm: 'scic',
    family: 'cooperative',
  },
  {
    spellings: [
      'cooperative',
      'coop',
      'societe cooperative',
      'cae',
      "cooperative d'activite et d'emploi",
    ],
    legalForm: 'cooperative',
    family: 'cooperative',
  },
  {
    spellings: ['mutuelle', 'mutuelle sante', "mutuelle d'assurance", 'mutuelle 45'],
    legalForm: 'mutuelle',
    family: 'mutual',
  },
  {
    spellings: ['fondation', "fondation reconnue d'utilite publique", "fondation d'entreprise"],
    legalForm: 'fondation',
    family: 'foundation',
  },
  {
    spellings: [
      'entreprise esus',
      'esus',
      "societe commerciale de l'ess",
      "entreprise de l'ess",
      'societe commerciale ess',
    ],
    legalForm: 'esus',
    family: 'commercial_ess',
  },
];

const LEGAL_FORMS_BY_SPELLING = new Map(
  LEGAL_FORM_SPELLINGS.flatMap((entry) =>
    entry.spellings.map((spelling) => [fold(spelling), entry] as const),
  ),
);

/** The largest file accepted (16,600 lines of a few hundred bytes fit many times over). */
export const MAX_MEMBER_IMPORT_BYTES = 20 * 1024 * 1024;
/** The most lines one file may hold: a Chambre has about 16,600 members. */
export const MAX_MEMBER_IMPORT_LINES = 50_000;

export interface ValidImportLine {
  /** The line of the file (the header is line 1). */
  line: number;
  siret: string | null;
  rna: string | null;
  legalName: string;
  legalForm: LegalForm;
  family: MemberFamily;
  addressLine1: string;
  postalCode: string;
  city: string;
  department: string;
  contactEmail: string;
  feeCents: number;
  yearsPaid: number[];
}

export interface RefusedImportLine {
  line: number;
  siret: string | null;
  rna: string | null;
  legalName: string | null;
  reasons: string[];
}

export interface ParsedImportFile {
  valid: ValidImportLine[];
  refused: RefusedImportLine[];
  /** Every line with data (valid and refused). */
  total: number;
}

/**
 * The file's text: UTF-8 (a BOM dropped), else Windows-1252 — what Excel saves a « CSV
 * (séparateur: point-virgule) » in on a French Windows. A UTF-8 decoder that refuses invalid
 * sequences tells them apart cheaply: Windows-1252 accented letters are never valid UTF-8 there.
 */
export function decodeImportFile(content: Buffer): string {
  // A spreadsheet saved as .xlsx, a PDF, an image: binary, never a CSV.
  if (content.includes(0)) throw fileRefused('the file is not a CSV text file (it is binary)');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content);
  } catch {
    return new TextDecoder('windows-1252').decode(content);
  }
}

const CSV_TYPES = new Set([
  'text/csv',
  'text/plain',
  'application/csv',
  'application/vnd.ms-excel',
]);

/**
 * An upload is a CSV by its name (.csv, .txt) or its declared type; an .xlsx or a PDF is refused
 * with a message that says what to do (save it as CSV) rather than as unreadable lines.
 */
export function assertCsvUpload(fileName: string, mimeType: string | undefined): void {
  const named = /\.(csv|txt)$/i.test(fileName);
  if (
    named ||
    (mimeType !== undefined && CSV_TYPES.has(mimeType.split(';')[0].trim().toLowerCase()))
  ) {
    return;
  }
  throw fileRefused(
    `« ${fileName} » is not a CSV file: save the spreadsheet as « CSV (séparateur : point-virgule) »`,
  );
}

/** Reads the whole file; a file that is not a CSV, or lacks a required column, is refused (422). */
export function parseImportFile(
  text: string,
  options: { minYear: number; maxYear: number },
): ParsedImportFile {
  const delimiter = delimiterOf(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      to: MAX_MEMBER_IMPORT_LINES + 1,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw fileRefused(`the file is not a readable CSV: ${(error as Error).message}`);
  }
  if (records.length === 0) throw fileRefused('the file is empty');
  const header = records[0].record;
  const columns = matchColumns(header);
  const missing = REQUIRED.filter((column) => columns[column] === undefined);
  if (columns.siret === undefined && columns.rna === undefined) missing.unshift('siret');
  if (missing.length > 0) {
    throw new MembershipException(
      MembershipErrorCode.InvalidImportFile,
      `the file lacks the column${missing.length > 1 ? 's' : ''} ${missing
        .map((column) => `« ${COLUMN_LABELS[column]} »`)
        .join(', ')}${missing.includes('siret') ? ' (siret or rna, one at least)' : ''}`,
      missing.map((column) => ({
        field: `file.${COLUMN_LABELS[column]}`,
        message: 'column is missing',
      })),
    );
  }
  if (records.length - 1 > MAX_MEMBER_IMPORT_LINES) {
    throw fileRefused(`the file has more than ${MAX_MEMBER_IMPORT_LINES} lines`);
  }

  const valid: ValidImportLine[] = [];
  const refused: RefusedImportLine[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const cell = (column: Column): string => {
      const index = columns[column];
      return index === undefined ? '' : (record[index] ?? '').trim();
    };
    // info.lines is the line the record ends on; a quoted field may span several.
    const result = validateLine(info.lines, cell, options);
    // The same organisation twice in one file: the second is refused, naming the first.
    const keys = [
      ...(result.siret ? [`siret:${result.siret}`] : []),
      ...(result.rna ? [`rna:${result.rna}`] : []),
    ];
    const earlier = keys.map((key) => firstLineOf.get(key)).find((line) => line !== undefined);
    const reasons = 'reasons' in result ? [...result.reasons] : [];
    if (earlier !== undefined) reasons.push(`duplicate of line ${earlier}`);
    // More values than columns: a value holding the separator without quotes shifted the
    // others, and what fell off the end would be lost unseen.
    if (record.slice(header.length).some((value) => value.trim() !== '')) {
      reasons.push(
        `${record.length} values for ${header.length} columns (a value holding « ${delimiter} » needs quotes)`,
      );
    }
    for (const key of keys) if (!firstLineOf.has(key)) firstLineOf.set(key, info.lines);
    if (reasons.length > 0 || 'reasons' in result) {
      refused.push({
        line: info.lines,
        siret: result.siret,
        rna: result.rna,
        legalName: result.legalName || null,
        reasons,
      });
    } else {
      valid.push(result);
    }
  }
  return { valid, refused, total: valid.length + refused.length };
}

type LineResult =
  | ValidImportLine
  | {
      line: number;
      siret: string | null;
      rna: string | null;
      legalName: string;
      reasons: string[];
    };

/** One line's fields checked as identity would check them, every broken rule reported. */
export function validateLine(
  line: number,
  cell: (column: Column) => string,
  options: { minYear: number; maxYear: number },
): LineResult {
  const reasons: string[] = [];
  const rawSiret = normaliseSiret(cell('siret'));
  const rawRna = cell('rna').replace(/\s/g, '').toUpperCase();
  const siret = rawSiret === '' ? null : rawSiret;
  const rna = rawRna === '' ? null : rawRna;
  const legalName = cell('legalName').replace(/\s+/g, ' ');

  if (siret === null && rna === null) reasons.push('neither SIRET nor RNA number');
  if (siret !== null && !isValidSiret(siret)) {
    reasons.push(`invalid SIRET « ${cell('siret')} » (14 digits with a valid check digit)`);
  }
  if (rna !== null && !isValidRna(rna)) {
    reasons.push(`invalid RNA number « ${cell('rna')} » (W followed by 9 digits)`);
  }
  if (legalName === '') reasons.push('no legal name (raison sociale)');
  else if (legalName.length > 250) reasons.push('legal name longer than 250 characters');

  const form = LEGAL_FORMS_BY_SPELLING.get(fold(cell('legalForm')));
  if (!form) reasons.push(`unknown legal form « ${cell('legalForm')} »`);
  if (form && rna !== null && form.legalForm !== 'association') {
    reasons.push('an RNA number belongs to associations only');
  }

  const address = cell('address').replace(/\s+/g, ' ');
  if (address === '') reasons.push('no address');
  else if (address.length > 200) reasons.push('address longer than 200 characters');
  const postalCode = cell('postalCode').replace(/\s/g, '');
  const derived = departmentOfPostalCode(postalCode);
  // Only départements the organisations table accepts (a 979xx code is none).
  const department = derived !== null && DEPARTMENT_PATTERN.test(derived) ? derived : null;
  if (department === null) reasons.push(`invalid postal code « ${cell('postalCode')} »`);
  const city = cell('city');
  if (city === '') reasons.push('no city');
  else if (city.length > 120) reasons.push('city longer than 120 characters');
  // Associations have an RNA number, except under Alsace-Moselle local law (as identity says).
  if (
    form?.legalForm === 'association' &&
    rna === null &&
    !(department && LOCAL_LAW_DEPARTMENTS.has(department))
  ) {
    reasons.push('an association needs its RNA number');
  }

  const email = normaliseEmail(cell('contactEmail'));
  if (!isEmail(email) || email.length > 254) {
    reasons.push(`invalid contact e-mail « ${cell('contactEmail')} »`);
  }

  const years = yearsOf(cell('yearsPaid'), options);
  if (typeof years === 'string') reasons.push(years);
  const feeCents = centsOf(cell('fee'));
  if (feeCents === null) reasons.push(`invalid amount « ${cell('fee')} » (euros, e.g. 120,00)`);
  else if (feeCents === 0 && Array.isArray(years) && years.length > 0 && cell('fee') === '') {
    reasons.push('no cotisation for the years paid');
  }

  if (
    reasons.length > 0 ||
    !form ||
    department === null ||
    typeof years === 'string' ||
    feeCents === null
  ) {
    return { line, siret, rna, legalName, reasons };
  }
  return {
    line,
    siret,
    rna,
    legalName,
    legalForm: form.legalForm,
    family: form.family,
    addressLine1: address,
    postalCode,
    city,
    department,
    contactEmail: email,
    feeCents,
    yearsPaid: years,
  };
}

/**
 * Euros as people type them: « 120 », « 120,50 », « 1 200,50 € », « 1.200,50 », « 120.50 ».
 * Empty is nothing paid (0). Null when it is not an amount.
 */
export function centsOf(value: string): number | null {
  const compact = value.replace(/[\s\u00a0\u202f€]/g, '').replace(/eur(os?)?$/i, '');
  if (compact === '') return 0;
  let euros: string;
  let cents: string;
  let match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(compact);
  if (match) {
    euros = match[1].replace(/\./g, '');
    cents = match[2] ?? '';
  } else {
    match = /^(\d+)\.(\d{1,2})$/.exec(compact);
    if (!match) return null;
    euros = match[1];
    cents = match[2];
  }
  const amount = Number(euros) * 100 + Number(cents.padEnd(2, '0'));
  return Number.isSafeInteger(amount) && amount <= 100_000_000 ? amount : null;
}

/** « 2024;2025 », « 2024, 2025 », « 2024 2025 »: the years, sorted; a message when one is not. */
export function yearsOf(
  value: string,
  options: { minYear: number; maxYear: number },
): number[] | string {
  const parts = value.split(/[;,/\s]+/).filter((part) => part !== '');
  const years = new Set<number>();
  for (const part of parts) {
    if (!/^\d{4}$/.test(part) || Number(part) < options.minYear || Number(part) > options.maxYear) {
      return `invalid year « ${part} » (${options.minYear} to ${options.maxYear})`;
    }
    years.add(Number(part));
  }
  return [...years].sort((a, b) => a - b);
}

/** The separator of the header line: `;` (French Excel) unless commas are more numerous. */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  const count = (character: string) => firstLine.split(character).length - 1;
  return count(',') > count(';') ? ',' : ';';
}

/** Which field holds each column, headers compared without case, accents or punctuation. */
function matchColumns(header: string[]): Partial<Record<Column, number>> {
  const columns: Partial<Record<Column, number>> = {};
  header.forEach((name, index) => {
    const folded = fold(name);
    for (const [column, spellings] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
      if (
        columns[column] === undefined &&
        spellings.some((spelling) => fold(spelling) === folded)
      ) {
        columns[column] = index;
        return;
      }
    }
  });
  return columns;
}

/** Lower case, no accents, apostrophes and dashes as spaces, single spaces: « Année(s) payée(s) » ≈ « annees payees ». */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'`]/g, "'")
    .replace(/\((s|es)\)/g, '$1')
    .replace(/[°º.:_-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function fileRefused(message: string): MembershipException {
  return new MembershipException(MembershipErrorCode.InvalidImportFile, message, [
    { field: 'file', message },
  ]);
}
