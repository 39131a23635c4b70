import type { ReactNode } from 'react';

export interface Column<Row> {
  /** Stable React key of the column. */
  id: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Amounts and counts: right-aligned in tabular figures (`.number`). */
  numeric?: boolean;
  /** The cell that names the row (a number, a name): a row header for screen readers. */
  rowHeader?: boolean;
}

/**
 * The list pages' table: a caption for screen readers (the page title says it to the eye),
 * column headers with `scope="col"`, the naming cell of each row with `scope="row"`, and a
 * wrapper that scrolls sideways on small screens.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  className,
  footer,
}: {
  caption: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Extra classes of the wrapper (a feature's table layout). */
  className?: string;
  /** The rows of a `<tfoot>` (totals), written by the page. */
  footer?: ReactNode;
}) {
  return (
    <div className={className ? `table-wrap ${className}` : 'table-wrap'}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.id} scope="col" className={column.numeric ? 'number' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => {
                const className = column.numeric ? 'number' : undefined;
                return column.rowHeader ? (
                  <th key={column.id} scope="row" className={className}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.id} className={className}>
                    {column.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        {footer ? <tfoot>{footer}</tfoot> : null}
      </table>
    </div>
  );
}
