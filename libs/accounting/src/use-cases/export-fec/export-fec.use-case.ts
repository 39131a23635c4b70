import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChambreSettingsQuery } from '@mutualis/invoicing';
import { AccountingErrorCode, AccountingException } from '../../accounting.exception';
import { periodEnd, periodStart } from '../../domain/periods';
import { FecEntry, fecFileName, writeFec } from '../../export/fec';
import { encodeFec, fecContentType, FecEncoding } from '../../export/fec-encoding';
import { JOURNAL_LABELS } from '../../journal/entry-draft';
import { BooksRepository } from '../../repositories/books.repository';
import { ExportRow, JournalEntryRepository } from '../../repositories/journal-entry.repository';
import { requirePeriod } from '../../services/period-validator';
import { ExportedFile } from '../../views/exported-file';

export interface ExportFecQuery {
  year: number;
  /** First and last month (`YYYY-MM`) of the year to export; the whole year by default. */
  from?: string;
  to?: string;
  encoding: FecEncoding;
}

/**
 * The validated entries of a fiscal year (or some of its months) in the layout of A47 A-1, read
 * from the journal as written: chronological by validation date, then journal, then number.
 * Lettering is the one that held at the end of the last exported month, so an export of a
 * closed month gives the same bytes whenever it is made, and only one whose lines are all in
 * the file (no code that would net to zero only with another year's file). This is the import file of the
 * Chambre's accounting software, not the entity's whole FEC (no payroll, no purchases).
 */
@Injectable()
export class ExportFecUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly books: BooksRepository,
    private readonly entries: JournalEntryRepository,
    private readonly chambre: ChambreSettingsQuery,
  ) {}

  async execute(query: ExportFecQuery): Promise<ExportedFile> {
    const { from, to, whole } = exportedMonths(query);
    const chambreId = await this.books.chambreId(this.dataSource.manager);
    const [rows, chambre] = await Promise.all([
      this.entries.exportRows(
        chambreId,
        query.year,
        periodStart(from),
        periodEnd(to),
        periodEnd(to),
      ),
      this.chambre.get(),
    ]);
    const name = fecFileName(chambre.siret.slice(0, 9), `${query.year}-12-31`);
    return {
      fileName: whole ? name : name.replace(/\.txt$/, `_${from}_${to}.txt`),
      contentType: fecContentType(query.encoding),
      content: encodeFec(writeFec(toEntries(rows)), query.encoding),
    };
  }
}

/** The months to export, checked: both in the fiscal year, in order. */
export function exportedMonths(query: { year: number; from?: string; to?: string }): {
  from: string;
  to: string;
  whole: boolean;
} {
  const from = requirePeriod(query.from ?? `${query.year}-01`, 'from');
  const to = requirePeriod(query.to ?? `${query.year}-12`, 'to');
  const problems = [
    ...(from.startsWith(`${query.year}-`) ? [] : [{ field: 'from', message: 'must be in year' }]),
    ...(to.startsWith(`${query.year}-`) ? [] : [{ field: 'to', message: 'must be in year' }]),
    ...(from <= to ? [] : [{ field: 'to', message: 'must not be before from' }]),
  ];
  if (problems.length > 0) {
    throw new AccountingException(
      AccountingErrorCode.InvalidPeriod,
      `from ${from} to ${to} is not a run of months of the fiscal year ${query.year}`,
      problems,
    );
  }
  return { from, to, whole: from === `${query.year}-01` && to === `${query.year}-12` };
}

/** Rows come line by line, each entry's lines together: one FecEntry per entry. */
function toEntries(rows: ExportRow[]): FecEntry[] {
  const entries: FecEntry[] = [];
  let current: FecEntry | null = null;
  for (const row of rows) {
    if (current === null || current.journalCode !== row.journal || current.number !== row.number) {
      current = {
        journalCode: row.journal,
        journalLabel: JOURNAL_LABELS[row.journal],
        number: row.number,
        date: row.entryDate,
        pieceRef: row.pieceRef,
        pieceDate: row.pieceDate,
        validationDate: row.validatedOn,
        lines: [],
      };
      entries.push(current);
    }
    current.lines.push({
      accountNumber: row.accountNumber,
      accountLabel: row.accountLabel,
      auxiliaryNumber: row.auxiliaryNumber ?? undefined,
      auxiliaryLabel: row.auxiliaryLabel ?? undefined,
      label: row.label,
      debitCents: row.debitCents,
      creditCents: row.creditCents,
      letteringCode: row.letteringCode ?? undefined,
      letteringDate: row.letteringDate ?? undefined,
    });
  }
  return entries;
}
