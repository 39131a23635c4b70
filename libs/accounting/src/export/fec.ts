/**
 * The layout of the Fichier des Écritures Comptables (article A47 A-1 of the Livre des
 * procédures fiscales): the journal as one flat file, one row per entry line. The
 * administration rejects a file that breaks the format, so the writer refuses bad input
 * outright rather than writing something a person would have to repair.
 *
 * Choices within what A47 A-1 allows: tab as the field separator; CRLF after every row,
 * header and last row included (CR, LF or both are accepted); euros only, so Montantdevise and
 * Idevise stay empty. The text is returned as a string: encode it when writing (A47 A-1 lists
 * ISO 8859-15 among the accepted encodings; see fec-encoding.ts).
 */
import { decimalCommaAmount, spreadsheetText } from '@mutualis/core';

/** The 18 columns of A47 A-1, in their order; the header row carries exactly these names. */
export const FEC_COLUMNS = [
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

export type FecColumn = (typeof FEC_COLUMNS)[number];

export interface FecLine {
  /** Plan comptable général account: its first three characters are digits (`411`, `512000`). */
  accountNumber: string;
  accountLabel: string;
  /** Subsidiary account, e.g. the member's customer account under 411; with its label. */
  auxiliaryNumber?: string;
  auxiliaryLabel?: string;
  label: string;
  debitCents: number;
  creditCents: number;
  /** Lettering code and date go together (a receipt matched with its invoice). */
  letteringCode?: string;
  letteringDate?: string;
}

export interface FecEntry {
  journalCode: string;
  journalLabel: string;
  /** EcritureNum: unique within the journal, in the continuous sequence the caller keeps. */
  number: string;
  /** YYYY-MM-DD */
  date: string;
  pieceRef: string;
  /** YYYY-MM-DD */
  pieceDate: string;
  /** YYYY-MM-DD */
  validationDate: string;
  lines: FecLine[];
}

const SEPARATOR = '\t';
const END_OF_ROW = '\r\n';

/** `1234,50`: decimal comma, two decimals, no thousands separator; `-12,30` below zero. */
export function toFecAmount(cents: number): string {
  return decimalCommaAmount(cents);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `20261231` from `2026-12-31`; null for a malformed or impossible date (`2026-02-30`). */
function compactDate(date: string): string | null {
  const parts = ISO_DATE.exec(date);
  if (!parts) return null;
  const time = Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
  if (new Date(time).toISOString().slice(0, 10) !== date) return null;
  return `${parts[1]}${parts[2]}${parts[3]}`;
}

/**
 * A field may not break the row: tabs and line breaks become spaces, the ends are trimmed.
 * Text that a spreadsheet would run as a formula (a name such as `=HYPERLINK(…)`) gets a
 * leading apostrophe (`spreadsheetText`): auditors open the FEC in tools built on Excel or
 * LibreOffice. Only text passes here; amounts and dates are written by their own functions,
 * so the file keeps its 18 columns and every amount its value.
 */
function field(value: string | undefined): string {
  return spreadsheetText((value ?? '').replace(/[\t\n\v\f\r\u0085\u2028\u2029]/g, ' ').trim());
}

/**
 * The FEC text of the entries, in the order given: the caller keeps each journal's entries in
 * the continuous sequence of their numbers. Throws a RangeError naming the entry when one is
 * unbalanced, has a line with both or neither of debit and credit (neither is allowed only when
 * every line of the entry is zero: a zero-amount invoice still appears in the sales journal), a
 * negative or fractional amount, a malformed date, a missing mandatory text, or a number already
 * used in its journal.
 */
export function writeFec(entries: readonly FecEntry[]): string {
  const rows: string[] = [FEC_COLUMNS.join(SEPARATOR)];
  const numbersByJournal = new Map<string, Set<string>>();

  for (const [index, entry] of entries.entries()) {
    const journalCode = field(entry.journalCode);
    const number = field(entry.number);
    const name = number === '' ? `#${index + 1} (no number)` : `${journalCode}/${number}`;
    const fail = (problem: string): never => {
      throw new RangeError(`FEC entry ${name}: ${problem}`);
    };
    const required = (value: string, what: string): string => {
      const cleaned = field(value);
      if (cleaned === '') fail(`${what} is empty`);
      return cleaned;
    };
    const date = (value: string, what: string): string =>
      compactDate(value) ?? fail(`${what} must be a YYYY-MM-DD date, got ${JSON.stringify(value)}`);

    required(entry.journalCode, 'the journal code');
    required(entry.number, 'the entry number');
    const journalLabel = required(entry.journalLabel, 'the journal label');
    const pieceRef = required(entry.pieceRef, 'the piece reference');
    const entryDate = date(entry.date, 'the entry date');
    const pieceDate = date(entry.pieceDate, 'the piece date');
    const validationDate = date(entry.validationDate, 'the validation date');

    const used = numbersByJournal.get(journalCode) ?? new Set<string>();
    if (used.has(number)) fail('the number is already used in its journal');
    used.add(number);
    numbersByJournal.set(journalCode, used);

    if (entry.lines.length < 2)
      fail(`an entry needs at least two lines, got ${entry.lines.length}`);
    let debits = 0;
    let credits = 0;
    const zeroEntry = entry.lines.every((line) => line.debitCents === 0 && line.creditCents === 0);
    for (const [lineIndex, line] of entry.lines.entries()) {
      const where = `line ${lineIndex + 1}`;
      for (const [amount, what] of [
        [line.debitCents, 'debit'],
        [line.creditCents, 'credit'],
      ] as const) {
        if (!Number.isSafeInteger(amount)) fail(`${where}: the ${what} is not whole cents`);
        if (amount < 0) fail(`${where}: the ${what} is negative (${toFecAmount(amount)})`);
      }
      if (line.debitCents !== 0 && line.creditCents !== 0) {
        fail(`${where}: exactly one of debit and credit must be non-zero`);
      }
      if (line.debitCents === 0 && line.creditCents === 0 && !zeroEntry) {
        fail(`${where}: exactly one of debit and credit must be non-zero`);
      }
      const accountNumber = required(line.accountNumber, `${where}: the account number`);
      if (!/^\d{3}/.test(accountNumber)) {
        fail(`${where}: the account number ${accountNumber} does not start with 3 digits`);
      }
      const auxiliaryNumber = field(line.auxiliaryNumber);
      const auxiliaryLabel = field(line.auxiliaryLabel);
      if ((auxiliaryNumber === '') !== (auxiliaryLabel === '')) {
        fail(`${where}: an auxiliary account needs both its number and its label`);
      }
      const letteringCode = field(line.letteringCode);
      const letteringDate =
        line.letteringDate === undefined
          ? ''
          : date(line.letteringDate, `${where}: the lettering date`);
      if ((letteringCode === '') !== (letteringDate === '')) {
        fail(`${where}: a lettering code needs its date, and a lettering date its code`);
      }
      debits += line.debitCents;
      credits += line.creditCents;

      const row: Record<FecColumn, string> = {
        JournalCode: journalCode,
        JournalLib: journalLabel,
        EcritureNum: number,
        EcritureDate: entryDate,
        CompteNum: accountNumber,
        CompteLib: required(line.accountLabel, `${where}: the account label`),
        CompAuxNum: auxiliaryNumber,
        CompAuxLib: auxiliaryLabel,
        PieceRef: pieceRef,
        PieceDate: pieceDate,
        EcritureLib: required(line.label, `${where}: the label`),
        Debit: toFecAmount(line.debitCents),
        Credit: toFecAmount(line.creditCents),
        EcritureLet: letteringCode,
        DateLet: letteringDate,
        ValidDate: validationDate,
        Montantdevise: '',
        Idevise: '',
      };
      rows.push(FEC_COLUMNS.map((column) => row[column]).join(SEPARATOR));
    }
    if (debits !== credits) {
      fail(`unbalanced, debits ${toFecAmount(debits)} ≠ credits ${toFecAmount(credits)}`);
    }
  }
  return rows.map((row) => row + END_OF_ROW).join('');
}

/**
 * `<SIREN>FEC<AAAAMMJJ>.txt`, the name A47 A-1 gives the file, with the closing date of the
 * financial year. The SIREN is checked for its 9 digits only, not its Luhn key: the SIRETs of
 * test and demo data are Luhn-valid as SIRETs, not always as SIRENs.
 */
export function fecFileName(siren: string, closingDate: string): string {
  if (!/^\d{9}$/.test(siren)) {
    throw new RangeError(`A SIREN is 9 digits, got ${JSON.stringify(siren)}`);
  }
  const date = compactDate(closingDate);
  if (date === null) {
    throw new RangeError(
      `The closing date must be a YYYY-MM-DD date, got ${JSON.stringify(closingDate)}`,
    );
  }
  return `${siren}FEC${date}.txt`;
}

export interface FecBalance {
  /** Distinct entries: JournalCode and EcritureNum pairs. */
  entries: number;
  debitCents: number;
  creditCents: number;
  /** `JournalCode/EcritureNum` of each entry whose debits and credits differ. */
  unbalancedEntries: string[];
  /** The distinct column counts of the rows, header included, in order of appearance: [18]. */
  columns: number[];
}

const FEC_AMOUNT = /^(-?)(\d+),(\d{2})$/;

/**
 * Reads a FEC text back, to prove an export balanced overall and per entry and regular in
 * shape. Throws a RangeError when the header is not the one of A47 A-1 or an amount is not in
 * the FEC form; rows too short to carry amounts are only counted in `columns`.
 */
export function checkFecBalance(text: string): FecBalance {
  const rows = text.split(/\r\n|\n|\r/);
  if (rows[rows.length - 1] === '') rows.pop();
  if (rows[0] !== FEC_COLUMNS.join(SEPARATOR)) {
    throw new RangeError('Not a FEC: the first row is not the header of the 18 columns');
  }
  const columns = new Set<number>();
  const totals = new Map<string, { debit: number; credit: number }>();
  let debitCents = 0;
  let creditCents = 0;
  const debitColumn = FEC_COLUMNS.indexOf('Debit');
  const creditColumn = FEC_COLUMNS.indexOf('Credit');

  for (const [index, row] of rows.entries()) {
    const fields = row.split(SEPARATOR);
    columns.add(fields.length);
    if (index === 0 || fields.length <= creditColumn) continue;
    const debit = parseFecAmount(fields[debitColumn], index + 1);
    const credit = parseFecAmount(fields[creditColumn], index + 1);
    const key = `${fields[0]}/${fields[2]}`;
    const total = totals.get(key) ?? { debit: 0, credit: 0 };
    total.debit += debit;
    total.credit += credit;
    totals.set(key, total);
    debitCents += debit;
    creditCents += credit;
  }
  return {
    entries: totals.size,
    debitCents,
    creditCents,
    unbalancedEntries: [...totals]
      .filter(([, total]) => total.debit !== total.credit)
      .map(([key]) => key),
    columns: [...columns],
  };
}

function parseFecAmount(value: string, rowNumber: number): number {
  const parts = FEC_AMOUNT.exec(value);
  if (!parts) {
    throw new RangeError(`Row ${rowNumber}: ${JSON.stringify(value)} is not a FEC amount`);
  }
  const cents = Number(parts[2]) * 100 + Number(parts[3]);
  return parts[1] === '-' ? -cents : cents;
}
