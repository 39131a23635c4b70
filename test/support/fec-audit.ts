/**
 * An auditor's reading of a FEC-layout file, written from article A47 A-1 of the Livre des
 * procédures fiscales and nothing of the application: it decodes the bytes, splits the rows and
 * reports every way the file departs from what the article and the PCG ask. Tests assert that
 * the report is empty; a report lists problems rather than throwing at the first, so a failing
 * test says everything that is wrong at once.
 */

export const A47_COLUMNS = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'CompAuxNum',
  'CompAuxLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'Debit',
  'Credit',
  'EcritureLet',
  'DateLet',
  'ValidDate',
  'Montantdevise',
  'Idevise',
] as const;

type Column = (typeof A47_COLUMNS)[number];
export type FecRow = Record<Column, string> & { debitCents: number; creditCents: number };

export interface FecAudit {
  rows: FecRow[];
  problems: string[];
  /** Entries, keyed `JournalCode/EcritureNum`. */
  entries: Map<string, FecRow[]>;
}

const AMOUNT = /^(\d+),(\d{2})$/;
const DATE = /^(\d{4})(\d{2})(\d{2})$/;

function cents(value: string): number | null {
  const parts = AMOUNT.exec(value);
  return parts ? Number(parts[1]) * 100 + Number(parts[2]) : null;
}

function isDate(value: string): boolean {
  const parts = DATE.exec(value);
  if (!parts) return false;
  const date = new Date(Date.UTC(+parts[1], +parts[2] - 1, +parts[3]));
  return date.getUTCMonth() === +parts[2] - 1 && date.getUTCDate() === +parts[3];
}

/** The trailing digits of an entry number: the position in its journal's sequence. */
function sequenceOf(number: string): number | null {
  const digits = /(\d+)$/.exec(number);
  return digits ? Number(digits[1]) : null;
}

/**
 * Reads the file. `encoding` is the one the export declares (ISO 8859-15 by default). Checks:
 * the header and 18 fields on every row; mandatory fields present; dates real; amounts in the
 * FEC form with exactly one side non-zero except on all-zero entries; every entry balanced;
 * numbers continuous from 1 in each journal, in file order; validation dates never going back;
 * lettering codes with their date, and each lettering balanced on its auxiliary account.
 */
export function auditFec(bytes: Buffer, encoding = 'iso-8859-15'): FecAudit {
  const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  const problems: string[] = [];
  const lines = text.split('\r\n');
  if (lines.pop() !== '') problems.push('the last row does not end with CRLF');
  if (lines[0] !== A47_COLUMNS.join('\t')) problems.push('the header is not the 18 columns');

  const rows: FecRow[] = [];
  for (const [index, line] of lines.slice(1).entries()) {
    const at = `row ${index + 2}`;
    const fields = line.split('\t');
    if (fields.length !== A47_COLUMNS.length) {
      problems.push(`${at}: ${fields.length} fields`);
      continue;
    }
    const row = Object.fromEntries(A47_COLUMNS.map((column, i) => [column, fields[i]])) as Record<
      Column,
      string
    >;
    for (const column of [
      'JournalCode',
      'JournalLib',
      'EcritureNum',
      'EcritureDate',
      'CompteNum',
      'CompteLib',
      'PieceRef',
      'PieceDate',
      'EcritureLib',
      'ValidDate',
    ] as const) {
      if (row[column].trim() === '') problems.push(`${at}: ${column} is empty`);
    }
    for (const column of ['EcritureDate', 'PieceDate', 'ValidDate'] as const) {
      if (!isDate(row[column])) problems.push(`${at}: ${column} ${row[column]} is not a date`);
    }
    if (!/^\d{3}/.test(row.CompteNum)) problems.push(`${at}: account ${row.CompteNum}`);
    if ((row.CompAuxNum === '') !== (row.CompAuxLib === '')) {
      problems.push(`${at}: auxiliary account without its number or label`);
    }
    if ((row.EcritureLet === '') !== (row.DateLet === '')) {
      problems.push(`${at}: lettering code and date go together`);
    }
    if (row.DateLet !== '' && !isDate(row.DateLet)) problems.push(`${at}: DateLet`);
    if (/^[=+\-@]/.test(row.CompAuxLib) || /^[=+\-@]/.test(row.EcritureLib)) {
      problems.push(`${at}: text a spreadsheet would run as a formula`);
    }
    const debitCents = cents(row.Debit);
    const creditCents = cents(row.Credit);
    if (debitCents === null || creditCents === null) {
      problems.push(`${at}: amounts ${row.Debit} / ${row.Credit}`);
      continue;
    }
    if (debitCents > 0 && creditCents > 0) problems.push(`${at}: both debit and credit`);
    rows.push({ ...row, debitCents, creditCents });
  }

  const entries = new Map<string, FecRow[]>();
  for (const row of rows) {
    const key = `${row.JournalCode}/${row.EcritureNum}`;
    entries.set(key, [...(entries.get(key) ?? []), row]);
  }

  // An entry's rows are contiguous and agree on what belongs to the entry, not the line.
  const seen = new Set<string>();
  let previous = '';
  for (const row of rows) {
    const key = `${row.JournalCode}/${row.EcritureNum}`;
    if (key !== previous && seen.has(key)) problems.push(`${key}: rows not contiguous`);
    seen.add(key);
    previous = key;
  }

  const lastSequence = new Map<string, number>();
  let lastValidDate = '';
  for (const [key, entryRows] of entries) {
    const [first] = entryRows;
    const debit = entryRows.reduce((sum, row) => sum + row.debitCents, 0);
    const credit = entryRows.reduce((sum, row) => sum + row.creditCents, 0);
    if (debit !== credit) problems.push(`${key}: unbalanced ${debit} ≠ ${credit}`);
    if (entryRows.length < 2) problems.push(`${key}: a single line`);
    if (debit > 0 && entryRows.some((row) => row.debitCents === 0 && row.creditCents === 0)) {
      problems.push(`${key}: a zero line in an entry with amounts`);
    }
    for (const column of ['EcritureDate', 'PieceRef', 'PieceDate', 'ValidDate'] as const) {
      if (entryRows.some((row) => row[column] !== first[column])) {
        problems.push(`${key}: ${column} differs between its lines`);
      }
    }
    const sequence = sequenceOf(first.EcritureNum);
    const expected = (lastSequence.get(first.JournalCode) ?? 0) + 1;
    if (sequence !== expected) {
      problems.push(
        `${key}: number ${sequence} where ${expected} was next in ${first.JournalCode}`,
      );
    }
    if (sequence !== null) lastSequence.set(first.JournalCode, sequence);
    if (first.ValidDate < lastValidDate) problems.push(`${key}: validated before the entry above`);
    lastValidDate = first.ValidDate > lastValidDate ? first.ValidDate : lastValidDate;
  }

  // A lettering matches lines of one auxiliary account that net to zero.
  const letterings = new Map<string, number>();
  for (const row of rows) {
    if (row.EcritureLet === '') continue;
    const key = `${row.CompteNum}/${row.CompAuxNum}/${row.EcritureLet}`;
    letterings.set(key, (letterings.get(key) ?? 0) + row.debitCents - row.creditCents);
  }
  for (const [key, balance] of letterings) {
    if (balance !== 0) problems.push(`lettering ${key} does not net to zero (${balance})`);
  }
  return { rows, problems, entries };
}

/** Debit minus credit of the rows on accounts starting with `prefix`. */
export function balanceOf(rows: readonly FecRow[], prefix: string): number {
  return rows
    .filter((row) => row.CompteNum.startsWith(prefix))
    .reduce((sum, row) => sum + row.debitCents - row.creditCents, 0);
}
