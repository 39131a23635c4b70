/**
 * Bank statement CSV exports, read through a CsvProfile that names the columns. Errors say
 * `line N` (the physical line in the file, as a spreadsheet or text editor shows it) and name
 * the column and the value at fault.
 */
import { TextDecoder } from 'node:util';
import {
  type CsvProfile,
  type Direction,
  type ParsedStatement,
  type ParsedTransaction,
  StatementFormatError,
} from './statement-types';
import {
  MAX_STATEMENT_BYTES,
  MAX_STATEMENT_TRANSACTIONS,
  calendarDate,
  centsFromDigits,
  collapseWhitespace,
  findRfReference,
  tooManyTransactions,
} from './statement-values';

/**
 * Layouts common to French bank exports: `;` separated, decimal comma, dd/mm/yyyy dates.
 * They follow the usual shapes rather than any one bank's documented format (which we
 * cannot check here); a bank whose export differs is read with a custom profile.
 */
export const BUILT_IN_CSV_PROFILES: CsvProfile[] = [
  {
    id: 'fr-debit-credit',
    name: 'Colonnes Débit et Crédit (Date ; Date de valeur ; Libellé ; Débit ; Crédit)',
    delimiter: ';',
    encoding: 'auto',
    decimalSeparator: ',',
    dateFormat: 'dd/MM/yyyy',
    columns: {
      bookingDate: 'Date',
      valueDate: 'Date de valeur',
      label: 'Libellé',
      debit: 'Débit',
      credit: 'Crédit',
    },
  },
  {
    id: 'fr-signed-amount',
    name: 'Montant signé (Date opération ; Date valeur ; Libellé ; Montant)',
    delimiter: ';',
    encoding: 'auto',
    decimalSeparator: ',',
    dateFormat: 'dd/MM/yyyy',
    columns: {
      bookingDate: 'Date opération',
      valueDate: 'Date valeur',
      label: 'Libellé',
      amount: 'Montant',
    },
  },
  {
    id: 'fr-simple',
    name: 'Simple (Date ; Libellé ; Montant(EUROS))',
    delimiter: ';',
    encoding: 'auto',
    decimalSeparator: ',',
    dateFormat: 'dd/MM/yyyy',
    columns: { bookingDate: 'Date', label: 'Libellé', amount: 'Montant(EUROS)' },
  },
];

/** Banks put the account number, the period and such above the header row, never many. */
const HEADER_SEARCH_LINES = 20;

/**
 * Bounds on what one row may hold. Bank exports write labels of a few hundred characters
 * (a SEPA remittance text is at most 140) in fewer than twenty columns; these leave room for
 * a bank that concatenates several fields, and refuse a file built to make the parser work
 * (a cell of 40,000 spaces) at its line, before any value in it is read.
 */
export const MAX_CSV_CELL_CHARACTERS = 1_000;
export const MAX_CSV_ROW_CHARACTERS = 10_000;
export const MAX_CSV_CELLS = 100;
/**
 * Rows, blank ones and totals included: room for the most transactions a file may hold and
 * as many other lines; 19 million empty lines took the worker seconds to skip.
 */
export const MAX_CSV_ROWS = 2 * MAX_STATEMENT_TRANSACTIONS + HEADER_SEARCH_LINES;

/** Enough bytes for the header search's lines at their longest (up to 4 bytes a character). */
const HEADER_SEARCH_BYTES = HEADER_SEARCH_LINES * MAX_CSV_ROW_CHARACTERS * 4;

/** The profiles' columns carry no currency: these exports are of the Chambre's euro account. */
const CSV_CURRENCY = 'EUR';

type ColumnKey = keyof CsvProfile['columns'];

interface CsvRow {
  cells: string[];
  /** The physical line the row starts on (1-based). */
  line: number;
}

interface HeaderRow {
  /** Column index of each column the profile names. */
  indexes: Partial<Record<ColumnKey, number>>;
  /** Each column's name as the file writes it, for messages. */
  names: Partial<Record<ColumnKey, string>>;
}

/** Parses a bank CSV export with the given profile; throws StatementFormatError at a bad line. */
export function parseBankCsv(content: Buffer, profile: CsvProfile): ParsedStatement {
  if (content.length > MAX_STATEMENT_BYTES) {
    throw new StatementFormatError(
      `the file has ${content.length} bytes, more than the ${MAX_STATEMENT_BYTES} a statement may have`,
      null,
    );
  }
  const columns = profileColumns(profile);
  // Rows are read one at a time: a hostile row is refused at its line without the rest of
  // the file being split first.
  const rows = readRows(decodeCsv(content, profile.encoding), profile.delimiter);
  const header = findHeader(rows, columns);
  if (!header) {
    const expected = columns.map(([, name]) => `"${name}"`).join(', ');
    throw new StatementFormatError(
      `no header row with the columns ${expected} in the first ${HEADER_SEARCH_LINES} lines (profile "${profile.id}")`,
      null,
    );
  }

  const transactions: ParsedTransaction[] = [];
  for (let next = rows.next(); !next.done; next = rows.next()) {
    const row = next.value;
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    // Totals, balances and repeated headers have no date where a movement has one; a row
    // that does have a date is a movement and must read entirely.
    if (!looksLikeDate(cellOf(row, header, 'bookingDate'))) continue;
    if (transactions.length === MAX_STATEMENT_TRANSACTIONS) throw tooManyTransactions();
    transactions.push(readRow(row, header, profile));
  }
  if (transactions.length === 0) {
    throw new StatementFormatError('no transaction found', null);
  }
  return { format: 'csv', version: null, transactions };
}

/**
 * The profile whose columns all appear in one of the file's first lines; when several fit,
 * the one naming the most columns (the most specific) wins, then the earlier in the list.
 */
export function detectCsvProfile(content: Buffer, profiles: CsvProfile[]): CsvProfile | null {
  let best: { profile: CsvProfile; score: number } | null = null;
  // Runs in the upload request: only the head of the file is decoded, once per encoding
  // however many profiles there are.
  const head = content.subarray(0, HEADER_SEARCH_BYTES);
  const heads = new Map<CsvProfile['encoding'], string | StatementFormatError>();
  const headIn = (encoding: CsvProfile['encoding']): string => {
    if (!heads.has(encoding)) {
      try {
        const decoded = decodeCsv(head, encoding, head.length < content.length);
        heads.set(encoding, firstLines(decoded, HEADER_SEARCH_LINES));
      } catch (error) {
        if (!(error instanceof StatementFormatError)) throw error;
        heads.set(encoding, error);
      }
    }
    const text = heads.get(encoding)!;
    if (text instanceof StatementFormatError) throw text;
    return text;
  };
  for (const profile of profiles) {
    let header: HeaderRow | null;
    let columns: [ColumnKey, string][];
    try {
      columns = profileColumns(profile);
      header = findHeader(readRows(headIn(profile.encoding), profile.delimiter), columns);
    } catch (error) {
      // Bytes this profile's encoding cannot read, or a profile that names no amount.
      if (error instanceof StatementFormatError) continue;
      throw error;
    }
    if (header && (best === null || columns.length > best.score)) {
      best = { profile, score: columns.length };
    }
  }
  return best?.profile ?? null;
}

// ---------------------------------------------------------------------------------------------
// Rows

function readRow(row: CsvRow, header: HeaderRow, profile: CsvProfile): ParsedTransaction {
  const location = `line ${row.line}`;
  const fail = (message: string) => new StatementFormatError(message, location);
  const name = (key: ColumnKey) => `"${header.names[key]}"`;

  const bookingText = cellOf(row, header, 'bookingDate');
  const bookingDate = parseDate(bookingText, profile.dateFormat);
  if (bookingDate === null) throw fail(`${name('bookingDate')} is not a date: "${bookingText}"`);

  let valueDate: string | null = null;
  const valueText = cellOf(row, header, 'valueDate');
  if (header.indexes.valueDate !== undefined && valueText !== '') {
    valueDate = parseDate(valueText, profile.dateFormat);
    if (valueDate === null) throw fail(`${name('valueDate')} is not a date: "${valueText}"`);
  }

  const readAmount = (key: ColumnKey): { cents: number; negative: boolean } | null => {
    const text = cellOf(row, header, key);
    if (text === '') return null;
    const amount = parseAmount(text, profile.decimalSeparator);
    if ('problem' in amount) throw fail(`${name(key)} ${amount.problem}: "${text}"`);
    return amount;
  };

  let amountCents: number;
  let direction: Direction;
  if (header.indexes.amount !== undefined) {
    const amount = readAmount('amount');
    if (amount === null) throw fail(`${name('amount')} is empty`);
    if (amount.cents === 0) throw fail(`${name('amount')} is zero`);
    amountCents = amount.cents;
    direction = amount.negative ? 'debit' : 'credit';
  } else {
    // The column says the direction; a sign some banks add in the Débit column is ignored.
    // A 0,00 in the unused column counts as empty.
    const debit = readAmount('debit');
    const credit = readAmount('credit');
    const debitCents = debit?.cents ?? 0;
    const creditCents = credit?.cents ?? 0;
    if (debitCents > 0 && creditCents > 0) {
      throw fail(`both ${name('debit')} and ${name('credit')} are filled`);
    }
    if (debitCents === 0 && creditCents === 0) {
      throw fail(`neither ${name('debit')} nor ${name('credit')} is filled`);
    }
    amountCents = debitCents || creditCents;
    direction = debitCents > 0 ? 'debit' : 'credit';
  }

  const label = collapseWhitespace(cellOf(row, header, 'label'));
  const counterparty =
    header.indexes.counterpartyName === undefined
      ? null
      : collapseWhitespace(cellOf(row, header, 'counterpartyName'));
  const reference =
    header.indexes.reference === undefined
      ? null
      : collapseWhitespace(cellOf(row, header, 'reference'));
  return {
    accountIban: null,
    bookingDate,
    valueDate,
    amountCents,
    direction,
    currency: CSV_CURRENCY,
    bankReference: reference,
    batchPosition: null,
    counterpartyName: counterparty,
    counterpartyIban: null,
    remittanceInfo: label,
    creditorReference: label === null ? null : findRfReference(label),
    source: location,
  };
}

/** A missing cell (a short row) reads as empty. */
function cellOf(row: CsvRow, header: HeaderRow, key: ColumnKey): string {
  const index = header.indexes[key];
  return index === undefined ? '' : (row.cells[index] ?? '').trim();
}

// ---------------------------------------------------------------------------------------------
// Header

/** The columns the header row must have: each one the profile names. */
function profileColumns(profile: CsvProfile): [ColumnKey, string][] {
  const { amount, debit, credit, ...others } = profile.columns;
  const columns = Object.entries(others).filter(
    (entry): entry is [ColumnKey, string] => typeof entry[1] === 'string' && entry[1] !== '',
  );
  if (amount) columns.push(['amount', amount]);
  else if (debit && credit) columns.push(['debit', debit], ['credit', credit]);
  else {
    throw new StatementFormatError(
      `the profile "${profile.id}" names neither an amount column nor a debit and a credit column`,
      null,
    );
  }
  return columns;
}

/**
 * Reads rows until one holds every column, within the first lines; the rows after it stay
 * unread in `rows`. Reading stops at the header, so a row further down is never split here.
 */
function findHeader(rows: Iterator<CsvRow>, columns: [ColumnKey, string][]): HeaderRow | null {
  const wanted = columns.map(([key, name]) => [key, normalizeHeader(name)] as const);
  for (let next = rows.next(); !next.done; next = rows.next()) {
    const row = next.value;
    if (row.line > HEADER_SEARCH_LINES) break;
    const normalized = row.cells.map(normalizeHeader);
    const indexes: HeaderRow['indexes'] = {};
    const names: HeaderRow['names'] = {};
    const complete = wanted.every(([key, name]) => {
      const index = normalized.indexOf(name);
      if (index === -1) return false;
      indexes[key] = index;
      names[key] = row.cells[index].trim();
      return true;
    });
    if (complete) return { indexes, names };
  }
  return null;
}

/** `Libellé`, `LIBELLE ` and `libelle` are one column; so are `Montant (EUROS)` and `Montant(EUROS)`. */
function normalizeHeader(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/gu, '').toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Values

/**
 * A signed decimal as French exports write it: `1 234,56`, `-45,00`, `+120,00 €`, with
 * spaces, no-break spaces or dots grouping thousands (commas when the decimal is a dot).
 *
 * Read by one pass over the characters, never by a regular expression: a pattern such as
 * `\s*€$` tried at every position of `1` + 40,000 spaces + `x` is quadratic, and blocked the
 * worker for seconds. Every step below looks at each character a bounded number of times.
 */
export function parseAmount(
  text: string,
  decimalSeparator: ',' | '.',
): { cents: number; negative: boolean } | { problem: string } {
  const notAnAmount = { problem: 'is not an amount' };
  let start = 0;
  let end = text.length;
  // The currency, before or after the number (or both, as some exports write it).
  const currencyAt = (index: number): number =>
    text.startsWith('€', index) ? 1 : text.startsWith('EUR', index) ? 3 : 0;
  start += currencyAt(start);
  for (const suffix of ['€', 'EUR']) {
    if (end - suffix.length >= start && text.startsWith(suffix, end - suffix.length)) {
      end -= suffix.length;
      break;
    }
  }
  while (start < end && isSpace(text[start])) start += 1;
  while (end > start && isSpace(text[end - 1])) end -= 1;

  let negative = false;
  const sign = text[start];
  if (sign === '+' || sign === '-' || sign === '\u2212') {
    negative = sign !== '+';
    start += 1;
    while (start < end && isSpace(text[start])) start += 1;
  }
  if (start === end) return notAnAmount;

  // Whole part: digits, in groups of three after a first group of one to three when grouped;
  // one separator character between groups, and the same kind throughout is not required
  // (`1 234.567,00` is what some exports print).
  const isGrouping =
    decimalSeparator === ','
      ? (character: string) => character === '.' || isSpace(character)
      : (character: string) => character === ',' || isSpace(character);
  let whole = '';
  let groupLength = 0;
  let groups = 1;
  let firstGroupLength = 0;
  let index = start;
  for (; index < end; index += 1) {
    const character = text[index];
    if (isDigit(character)) {
      whole += character;
      groupLength += 1;
    } else if (isGrouping(character)) {
      if (groupLength === 0) return notAnAmount; // two separators in a row, or one first
      if (groups === 1) firstGroupLength = groupLength;
      else if (groupLength !== 3) return notAnAmount;
      groups += 1;
      groupLength = 0;
    } else break;
  }
  if (groupLength === 0) return notAnAmount;
  if (groups > 1 && (firstGroupLength > 3 || groupLength !== 3)) return notAnAmount;

  let fraction = '';
  if (index < end) {
    if (text[index] !== decimalSeparator) return notAnAmount;
    for (index += 1; index < end; index += 1) {
      if (!isDigit(text[index])) return notAnAmount;
      fraction += text[index];
    }
    if (fraction === '') return notAnAmount;
  }
  const cents = centsFromDigits(whole, fraction, false);
  if ('problem' in cents) return cents;
  return { cents: cents.cents, negative };
}

function isDigit(character: string): boolean {
  return character >= '0' && character <= '9';
}

/** What `\s` matches, one character at a time (spaces, tabs, no-break and narrow no-break). */
function isSpace(character: string): boolean {
  return /^\s$/u.test(character);
}

const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const YEAR_FIRST = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/;

/** Any date shape at all, in whichever order: tells a movement from a total or a title. */
function looksLikeDate(text: string): boolean {
  return /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/.test(text);
}

/** Day-first formats take a two-digit year as 20yy, as banks print it. */
function parseDate(text: string, format: CsvProfile['dateFormat']): string | null {
  if (format === 'yyyy-MM-dd') {
    const match = YEAR_FIRST.exec(text);
    return match ? calendarDate(+match[1], +match[2], +match[3]) : null;
  }
  const match = DAY_FIRST.exec(text);
  if (!match) return null;
  const year = match[3].length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
  return calendarDate(year, +match[2], +match[1]);
}

// ---------------------------------------------------------------------------------------------
// Bytes and rows

/**
 * `auto` reads UTF-8 (the BOM is dropped) when the bytes are valid UTF-8, else ISO-8859-15,
 * which older French exports use (the euro sign is byte 0xA4 there).
 */
function decodeCsv(content: Buffer, encoding: CsvProfile['encoding'], cut = false): string {
  let text: string;
  if (encoding === 'iso-8859-15') {
    text = new TextDecoder('iso-8859-15').decode(content);
  } else {
    try {
      // A head cut inside a multi-byte character is not an error: `stream` leaves it out.
      text = new TextDecoder('utf-8', { fatal: true }).decode(content, { stream: cut });
    } catch {
      if (encoding === 'utf-8') {
        const lenient = new TextDecoder('utf-8').decode(content);
        const before = lenient.slice(0, Math.max(lenient.indexOf('\uFFFD'), 0));
        throw new StatementFormatError(
          'the file is not valid UTF-8 (an ISO-8859-15 export needs a profile in that encoding)',
          `line ${before.split(/\r\n|\r|\n/).length}`,
        );
      }
      text = new TextDecoder('iso-8859-15').decode(content);
    }
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** The text up to its `count`-th line break, enough to find a header row. */
function firstLines(text: string, count: number): string {
  const breaks = /\r\n|\r|\n/g;
  for (let seen = 0; breaks.exec(text) !== null;) {
    seen += 1;
    if (seen === count) return text.slice(0, breaks.lastIndex);
  }
  return text;
}

/**
 * Rows of cells, quoted fields (with `""` for a quote, and line breaks inside) as in RFC 4180,
 * each row knowing the physical line it starts on. A quote inside an unquoted field is kept
 * as text, as spreadsheets write it. Rows are yielded as they are read, so a caller that stops
 * early (at the header) reads no further; a cell, a row or a number of cells beyond what any
 * bank writes is refused at its line.
 */
function* readRows(text: string, delimiter: CsvProfile['delimiter']): Generator<CsvRow> {
  let cells: string[] = [];
  let cell = '';
  let rows = 0;
  let line = 1;
  let rowLine = 1;
  let rowLength = 0;
  let quoteLine = 0;
  let quoted = false;
  let cellStart = true;
  const endCell = () => {
    cells.push(cell);
    cell = '';
    cellStart = true;
    if (cells.length > MAX_CSV_CELLS) {
      throw new StatementFormatError(
        `the row has more than ${MAX_CSV_CELLS} cells, more than a bank statement has`,
        `line ${rowLine}`,
      );
    }
  };
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    const isBreak = character === '\n' || (character === '\r' && text[index + 1] !== '\n');
    rowLength += 1;
    if (rowLength > MAX_CSV_ROW_CHARACTERS) {
      throw new StatementFormatError(
        `the row has more than ${MAX_CSV_ROW_CHARACTERS} characters, more than a bank statement has` +
          (quoted ? ` (is a quote opened on line ${quoteLine} never closed?)` : ''),
        `line ${rowLine}`,
      );
    }
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (character === '"') {
        quoted = false;
      } else {
        if (isBreak) line += 1;
        cell += character;
      }
    } else if (character === '"' && cellStart) {
      quoted = true;
      quoteLine = line;
      cellStart = false;
    } else if (character === delimiter) {
      endCell();
      continue;
    } else if (character === '\r' || character === '\n') {
      if (!isBreak) continue; // the \r of \r\n: the \n ends the row
      endCell();
      rows += 1;
      if (rows > MAX_CSV_ROWS) {
        throw new StatementFormatError(
          `more than ${MAX_CSV_ROWS} rows, more than a statement of ${MAX_STATEMENT_TRANSACTIONS} transactions has; export a shorter period`,
          `line ${rowLine}`,
        );
      }
      yield { cells, line: rowLine };
      cells = [];
      line += 1;
      rowLine = line;
      rowLength = 0;
      continue;
    } else {
      cell += character;
      cellStart = false;
    }
    if (cell.length > MAX_CSV_CELL_CHARACTERS) {
      throw new StatementFormatError(
        `cell ${cells.length + 1} has more than ${MAX_CSV_CELL_CHARACTERS} characters, more than a bank statement writes in one cell` +
          (quoted ? ` (is its quote, opened on line ${quoteLine}, never closed?)` : ''),
        `line ${rowLine}`,
      );
    }
  }
  if (quoted) {
    throw new StatementFormatError('a quoted field is never closed', `line ${quoteLine}`);
  }
  if (cell !== '' || cells.length > 0) yield { cells: [...cells, cell], line: rowLine };
}
