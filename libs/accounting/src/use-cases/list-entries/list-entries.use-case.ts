import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CoreErrorCode, CoreException, decodeKeyset, encodeKeyset, Page } from '@mutualis/core';
import { AccountingErrorCode, AccountingException } from '../../accounting.exception';
import { isIsoDate } from '../../domain/check-draft';
import { periodEnd, periodStart } from '../../domain/periods';
import { JOURNAL_LABELS, JournalCode } from '../../journal/entry-draft';
import { BooksRepository } from '../../repositories/books.repository';
import { JournalEntryRepository, StoredLine } from '../../repositories/journal-entry.repository';
import { requirePeriod } from '../../services/period-validator';
import { EntryLineView, EntryView } from '../../views/journal.view';

/** A month (`period`), or a range of entry dates (`from`, `to`, both YYYY-MM-DD). */
export interface ListEntriesQuery {
  period?: string;
  from?: string;
  to?: string;
  journal?: JournalCode;
  /** Entries with a line on an account whose number starts with these digits (`411`, `512000`). */
  account?: string;
  /** Only validated (true) or only unvalidated (false) entries. */
  validated?: boolean;
  cursor?: string;
  limit: number;
}

/**
 * Entries with their lines, in entry date then posting order, a page at a time: a month's (the
 * web app's periods) or a range of dates (the contract's `GET /finance/journal`).
 */
@Injectable()
export class ListEntriesUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly books: BooksRepository,
    private readonly entries: JournalEntryRepository,
  ) {}

  async execute(query: ListEntriesQuery): Promise<Page<EntryView>> {
    const { from, to } = rangeOf(query);
    const after = readCursor(query.cursor);
    const chambreId = await this.books.chambreId(this.dataSource.manager);
    const rows = await this.entries.list(chambreId, {
      from,
      to,
      journal: query.journal,
      validated: query.validated,
      account: query.account,
      after,
      limit: query.limit,
    });
    const shown = rows.slice(0, query.limit);
    const lines = await this.entries.linesOf(shown.map((row) => row.id));
    const last = shown.at(-1);
    return {
      items: shown.map((entry) => ({
        id: entry.id,
        journal: entry.journal,
        journalLabel: JOURNAL_LABELS[entry.journal],
        number: entry.number,
        entryDate: entry.entryDate,
        eventDate: entry.eventDate,
        pieceRef: entry.pieceRef,
        pieceDate: entry.pieceDate,
        validatedOn: entry.validatedOn,
        sourceKey: entry.sourceKey,
        postedAt: entry.postedAt.toISOString(),
        totalCents: entry.totalCents,
        currency: 'EUR',
        lines: lines.filter((line) => line.entryId === entry.id).map(presentLine),
      })),
      nextCursor:
        rows.length > query.limit && last
          ? encodeKeyset([last.entryDate, last.postingSeq, last.id])
          : null,
    };
  }
}

function rangeOf(query: ListEntriesQuery): { from: string; to: string } {
  if (query.period !== undefined) {
    requirePeriod(query.period);
    return { from: periodStart(query.period), to: periodEnd(query.period) };
  }
  const { from, to } = query;
  const problems = (
    [
      ['from', from],
      ['to', to],
    ] as const
  )
    .filter(([, date]) => date === undefined || !isIsoDate(date))
    .map(([field]) => ({ field, message: 'must be a YYYY-MM-DD date' }));
  if (problems.length === 0 && from! > to!) {
    problems.push({ field: 'to', message: 'must not be before from' });
  }
  if (problems.length > 0) {
    throw new AccountingException(
      AccountingErrorCode.InvalidPeriod,
      'give a period (YYYY-MM), or from and to (YYYY-MM-DD, from not after to)',
      problems,
    );
  }
  return { from: from!, to: to! };
}

function readCursor(cursor: string | undefined): { entryDate: string; postingSeq: string } | null {
  const values = decodeKeyset(cursor, 3);
  if (values === null) return null;
  const [entryDate, postingSeq] = values;
  if (!isIsoDate(entryDate) || !/^\d{1,18}$/.test(postingSeq)) {
    throw new CoreException(CoreErrorCode.InvalidCursor, 'cursor is not one this api returned');
  }
  return { entryDate, postingSeq };
}

function presentLine(line: StoredLine): EntryLineView {
  return {
    position: line.position,
    accountRole: line.role,
    vatRateBasisPoints: line.vatRateBasisPoints > 0 ? line.vatRateBasisPoints : null,
    accountNumber: line.accountNumber,
    accountLabel: line.accountLabel,
    organisationId: line.organisationId,
    auxiliaryNumber: line.auxiliaryNumber,
    auxiliaryLabel: line.auxiliaryLabel,
    label: line.label,
    debitCents: line.debitCents,
    creditCents: line.creditCents,
    letteringKey: line.letteringKey,
    letteringCode: line.letteringCode,
    letteringDate: line.letteringDate,
  };
}
