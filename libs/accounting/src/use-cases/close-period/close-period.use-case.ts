import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, Clock, parisDate } from '@mutualis/core';
import { AccountingErrorCode, AccountingException } from '../../accounting.exception';
import { nextPeriod, periodEnd, periodStart } from '../../domain/periods';
import { BooksRepository } from '../../repositories/books.repository';
import { JournalEntryRepository } from '../../repositories/journal-entry.repository';
import { PeriodRepository } from '../../repositories/period.repository';
import { DeferredIncomePosting } from '../../services/deferred-income-posting';
import { PeriodValidator, requirePeriod } from '../../services/period-validator';
import { ClosingView } from '../../views/period.view';

/**
 * Closes a month: validates what remains of it, then refuses any new entry dated in it (the
 * journal writes late ones on the first day of the next open month). Months close in order,
 * once each, and only once over. Closing December first defers the revenue of services
 * performed after the fiscal year (PCG 487).
 */
@Injectable()
export class ClosePeriodUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly books: BooksRepository,
    private readonly periods: PeriodRepository,
    private readonly entries: JournalEntryRepository,
    private readonly validator: PeriodValidator,
    private readonly deferredIncome: DeferredIncomePosting,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(actor: { userId: string }, period: string): Promise<ClosingView> {
    requirePeriod(period);
    const now = this.clock.now();
    const today = parisDate(now);
    if (periodEnd(period) >= today) {
      throw new AccountingException(
        AccountingErrorCode.PeriodNotOver,
        `${period} is not over: it can be closed from ${periodStart(nextPeriod(period))}`,
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const chambreId = await this.books.chambreId(manager);
      // Exclusive: every post in flight has committed, and none starts until this one has.
      await this.books.lockExclusive(chambreId, manager);
      const closedThrough = await this.periods.closedThrough(chambreId, manager);
      if (closedThrough !== null && period <= closedThrough) {
        throw new AccountingException(
          AccountingErrorCode.PeriodClosed,
          `${period} is already closed (the books are closed through ${closedThrough})`,
          [],
          { closedThrough },
        );
      }
      const expected =
        closedThrough !== null
          ? nextPeriod(closedThrough)
          : await this.entries.earliestPeriodBefore(chambreId, periodStart(period), manager);
      if (expected !== null && expected !== period) {
        throw new AccountingException(
          AccountingErrorCode.PeriodOutOfOrder,
          `periods close in order: close ${expected} before ${period}`,
          [],
          { nextToClose: expected },
        );
      }
      // The fiscal year's last month: services invoiced in the year but performed after it are
      // deferred income at its closing date (posted here, so they are validated with it).
      if (period.endsWith('-12'))
        await this.deferredIncome.post(Number(period.slice(0, 4)), manager);
      const validation = await this.validator.validate(chambreId, period, now, manager);
      const closed = await this.periods.close(chambreId, period, actor.userId, manager);
      await this.audit.record(manager, {
        action: 'accounting_period.closed',
        entityType: 'accounting_period',
        entityId: period,
        before: { status: 'open' },
        after: { status: 'closed', validatedEntries: validation.entries },
      });
      return {
        period,
        status: 'closed',
        closedAt: closed.closedAt.toISOString(),
        closedBy: closed.closedBy,
        validation,
      };
    });
  }
}
