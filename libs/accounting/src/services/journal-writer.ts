import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccountingErrorCode, AccountingException } from '../accounting.exception';
import { draftProblems } from '../domain/check-draft';
import {
  auxiliaryNumber,
  decideLettering,
  letteringCode,
  mayBeLettered,
} from '../domain/lettering';
import { openDate } from '../domain/periods';
import type { AccountRef, EntryDraft } from '../journal/entry-draft';
import { BooksRepository } from '../repositories/books.repository';
import { ChartAccount, ChartRepository } from '../repositories/chart.repository';
import { JournalEntryRepository, NewLine } from '../repositories/journal-entry.repository';
import { LetteringRepository } from '../repositories/lettering.repository';
import { PeriodRepository } from '../repositories/period.repository';

export interface PostedEntry {
  entryId: string;
  /** False when the source was already in the journal: nothing was written. */
  created: boolean;
}

/**
 * The one way into the journal. Posting rules hand it an EntryDraft; it checks it, resolves the
 * chart's roles to the accounts configured today, writes the entry once per source key, moves
 * it out of a closed month, and letters the customers' lines it touched.
 */
@Injectable()
export class JournalWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly books: BooksRepository,
    private readonly chart: ChartRepository,
    private readonly entries: JournalEntryRepository,
    private readonly periods: PeriodRepository,
    private readonly letterings: LetteringRepository,
  ) {}

  /**
   * Writes the entry in the caller's transaction when given its manager (the event and its
   * entry commit together), else in a transaction of its own. The transaction must be READ
   * COMMITTED (the default): lettering reads the lines other posts committed while it waited for
   * the account's lock. Throws an AccountingException (invalid draft, an account or organisation
   * the chart or directory lacks) before writing anything.
   */
  async post(draft: EntryDraft, manager?: EntityManager): Promise<PostedEntry> {
    const problems = draftProblems(draft);
    if (problems.length > 0) {
      throw new AccountingException(
        AccountingErrorCode.InvalidDraft,
        `the entry ${String(draft.sourceKey)} cannot be posted: ${problems.join('; ')}`,
      );
    }
    if (manager) {
      if (!manager.queryRunner?.isTransactionActive) {
        throw new Error('JournalWriter.post takes the manager of an open transaction');
      }
      return this.write(draft, manager);
    }
    return this.dataSource.transaction((own) => this.write(draft, own));
  }

  private async write(draft: EntryDraft, manager: EntityManager): Promise<PostedEntry> {
    const chambreId = await this.books.chambreId(manager);
    // A redelivered event finds its entry without waiting on any lock.
    const existing = await this.entries.idBySource(chambreId, draft.sourceKey, manager);
    if (existing) return { entryId: existing, created: false };

    // Held until the caller commits, so no month closes between reading the watermark and
    // inserting the entry (closing takes this lock exclusively).
    await this.books.lockShared(chambreId, manager);
    const closedThrough = await this.periods.closedThrough(chambreId, manager);
    const entryDate = openDate(draft.date, closedThrough);
    const lines = await this.resolveLines(chambreId, draft, manager);
    const entryId = await this.entries.insert(
      {
        chambreId,
        journal: draft.journal,
        sourceKey: draft.sourceKey,
        entryDate,
        eventDate: draft.date,
        pieceRef: draft.pieceRef.trim(),
        pieceDate: draft.pieceDate,
        totalCents: lines.reduce((sum, line) => sum + line.debitCents, 0),
        lines,
      },
      manager,
    );
    if (entryId === null) {
      // Another transaction posted the same source meanwhile, and committed.
      const posted = await this.entries.idBySource(chambreId, draft.sourceKey, manager);
      if (!posted) throw new Error(`the entry of ${draft.sourceKey} vanished`);
      return { entryId: posted, created: false };
    }
    await this.letter(chambreId, entryId, lines, entryDate, manager);
    return { entryId, created: true };
  }

  private async resolveLines(
    chambreId: string,
    draft: EntryDraft,
    manager: EntityManager,
  ): Promise<NewLine[]> {
    const accounts = await this.chart.accounts(chambreId, manager);
    const organisationIds = [
      ...new Set(draft.lines.flatMap((line) => (line.organisationId ? [line.organisationId] : []))),
    ];
    const names = await this.books.organisationNames(organisationIds, manager);
    return draft.lines.map((line) => {
      const account = findAccount(accounts, line.account);
      const rate = 'vatRateBasisPoints' in line.account ? line.account.vatRateBasisPoints : 0;
      let auxiliary: { number: string; label: string } | null = null;
      if (line.organisationId !== undefined) {
        const name = names.get(line.organisationId);
        if (name === undefined) {
          throw new AccountingException(
            AccountingErrorCode.UnknownOrganisation,
            `organisation ${line.organisationId} of entry ${draft.sourceKey} does not exist`,
          );
        }
        auxiliary = { number: auxiliaryNumber(line.organisationId), label: oneLine(name, 200) };
      }
      return {
        role: line.account.role,
        vatRateBasisPoints: rate,
        accountNumber: account.number,
        accountLabel: account.label,
        organisationId: line.organisationId ?? null,
        auxiliaryNumber: auxiliary?.number ?? null,
        auxiliaryLabel: auxiliary?.label ?? null,
        label: oneLine(line.label, 200),
        debitCents: line.debitCents,
        creditCents: line.creditCents,
        letteringKey: line.letteringKey ?? null,
      };
    });
  }

  /**
   * Re-evaluates the lettering of each (auxiliary account, key) the entry touched: letter the
   * group when it nets to zero, end the lettering that no longer holds. Accounts are locked in a
   * fixed order so two posts on the same accounts cannot deadlock each other.
   */
  private async letter(
    chambreId: string,
    entryId: string,
    lines: NewLine[],
    entryDate: string,
    manager: EntityManager,
  ): Promise<void> {
    const touched = new Map<string, Set<string>>();
    for (const line of lines) {
      if (line.auxiliaryNumber === null || line.letteringKey === null) continue;
      const keys = touched.get(line.auxiliaryNumber) ?? new Set<string>();
      keys.add(line.letteringKey);
      touched.set(line.auxiliaryNumber, keys);
    }
    for (const account of [...touched.keys()].sort()) {
      await this.letterings.lockAccount(chambreId, account, manager);
      for (const key of [...touched.get(account)!].sort()) {
        const group = await this.letterings.lines(chambreId, account, key, manager);
        // Most posts add to an open group (an invoice's first line, the payment that settles
        // it): no lettering can live there, none is looked for.
        const before = group.filter((line) => line.entryId !== entryId);
        const live = mayBeLettered(before)
          ? await this.letterings.live(chambreId, account, key, manager)
          : null;
        const decision = decideLettering(group, live);
        if (decision.end) await this.letterings.end(decision.end, entryDate, manager);
        if (decision.letter) {
          const index = await this.letterings.countOnAccount(chambreId, account, manager);
          await this.letterings.letter(
            {
              chambreId,
              auxiliaryNumber: account,
              letteringKey: key,
              code: letteringCode(index),
              letteredOn: decision.letter.date,
              lineIds: decision.letter.lineIds,
            },
            manager,
          );
        }
      }
    }
  }
}

function findAccount(accounts: ChartAccount[], ref: AccountRef): ChartAccount {
  const rate = 'vatRateBasisPoints' in ref ? ref.vatRateBasisPoints : 0;
  const account = accounts.find(
    (candidate) => candidate.role === ref.role && candidate.vatRateBasisPoints === rate,
  );
  if (!account) {
    throw new AccountingException(
      AccountingErrorCode.UnknownAccount,
      rate > 0
        ? `the chart has no ${ref.role} account for the rate ${rate / 100} %`
        : `the chart has no ${ref.role} account`,
    );
  }
  return account;
}

/** A label on one line, as the FEC's fields need it, within the column's length. */
function oneLine(text: string, max: number): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, max);
}
