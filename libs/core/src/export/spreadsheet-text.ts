/**
 * Text files the Chambre's staff open in a spreadsheet (the CSV exports, the FEC an auditor
 * loads into a tool that is often Excel or LibreOffice underneath). A spreadsheet runs a cell
 * that starts with `=`, `+`, `-` or `@` as a formula, so an organisation named
 * `=HYPERLINK("http://…","Facture")` becomes a link, or worse, on the accountant's machine
 * (CSV injection, CWE-1236). Every text export passes each value through `spreadsheetText`.
 */

/**
 * What makes a spreadsheet read a cell as a formula: the four operators, and tab and line
 * breaks, after which some programs read the next character as the cell's start. The
 * full-width forms are included because spreadsheets set for Japanese or Chinese input
 * treat `＝` as `=`; nothing in French text starts with them.
 */
const FORMULA_TRIGGERS = new Set([
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\n',
  '\uFF1D', // ＝
  '\uFF0B', // ＋
  '\uFF0D', // －
  '\uFF20', // ＠
]);

/** A decimal number as the exports write it (`-12,50`, `1234,00`, `20261231`): left as it is. */
const PLAIN_NUMBER = /^[+-]?\d+(?:[,.]\d+)?$/;

/**
 * The value as text no spreadsheet runs: one that would start a formula gets a leading
 * apostrophe, the mark spreadsheets themselves use for "this cell is text" (Excel and
 * LibreOffice show it, or hide it as the text prefix; no program reads a formula after it).
 * The check looks past leading spaces, which some programs trim on import. A plain number,
 * such as a negative amount, is a number and stays as it is, so amounts keep their value.
 */
export function spreadsheetText(value: string): string {
  if (value === '' || PLAIN_NUMBER.test(value)) return value;
  const neutralise =
    FORMULA_TRIGGERS.has(value[0]) || FORMULA_TRIGGERS.has(value.trimStart()[0] ?? '');
  return neutralise ? `'${value}` : value;
}

/**
 * A CSV for a French spreadsheet: `;` separated, CRLF rows, UTF-8 with a BOM (so accents read
 * right), each cell made safe by `spreadsheetText` and quoted when it holds a separator, a
 * quote or a line break.
 */
export function toSpreadsheetCsv(rows: readonly (readonly string[])[]): string {
  const cell = (raw: string) => {
    const value = spreadsheetText(raw);
    return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  };
  return '\uFEFF' + rows.map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}
