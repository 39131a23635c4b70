import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { parisDate } from '@mutualis/core';
import { AccountingErrorCode, AccountingException } from '../accounting.exception';
import { parsePeriod, periodEnd } from '../domain/periods';
import { JournalEntryRepository } from '../repositories/journal-entry.repository';
import { ValidationView } from '../views/period.view';

/** `2026-03` as given, or a 400 naming the field. */
export function requirePeriod(period: string, field = 'period'): string {
  if (parsePeriod(period) === null) {
    throw new AccountingException(
      AccountingErrorCode.InvalidPeriod,
      `${period} is not a period: expected YYYY-MM between 2000 and 2100`,
      [{ field, message: 'must be a YYYY-MM month between 2000 and 2100' }],
    );
  }
  return period;
}

/** Validation of entries, shared by validating a period and closing it. */
@Injectable()
export class PeriodValidator {
  constructor(private readonly entries: JournalEntryRepository) {}

  /**
   * Numbers every unvalidated entry dated up to the period's end, ValidDate the day of `now` in
   * Paris. The caller holds the books' lock exclusively.
   */
  async validate(
    chambreId: string,
    period: string,
    now: Date,
    manager: EntityManager,
  ): Promise<ValidationView> {
    const today = parisDate(now);
    const runs = await this.entries.validateThrough(
      chambreId,
      periodEnd(period),
      today,
      now,
      manager,
    );
    const number = (journal: string, year: number, sequence: number) =>
      `${journal}${year}-${String(sequence).padStart(6, '0')}`;
    return {
      period,
      validatedOn: today,
      entries: runs.reduce((sum, run) => sum + run.count, 0),
      runs: runs.map((run) => ({
        journal: run.journal,
        fiscalYear: run.fiscalYear,
        count: run.count,
        firstNumber: number(run.journal, run.fiscalYear, run.firstSequence),
        lastNumber: number(run.journal, run.fiscalYear, run.lastSequence),
      })),
    };
  }
}
