/** A plain-text table with a header rule, columns padded to their widest cell. */
export function formatTable(header: string[], rows: (string | number)[][]): string[] {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: string[]): string =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join(' | ')
      .trimEnd();
  return [
    line(header),
    widths.map((width) => '-'.repeat(width)).join('-+-'),
    ...cells.slice(1).map(line),
  ];
}
