import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, Clock, parisDate } from '@mutualis/core';
import { AccountingErrorCode, AccountingException } from '../../accounting.exception';
import { periodEnd, periodStart } from '../../domain/periods';
import { BooksRepository } from '../../repositories/books.repository';
import { PeriodValidator, requirePeriod } from '../../services/period-validator';
import { ValidationView } from '../../views/period.view';

/**
 * Validates the entries dated up to a month's end: each gets its number, continuous per journal
 * and fiscal year (VT2026-000001…), in entry date then posting order, and ValidDate today.
 */
@Injectable()
export class ValidatePeriodUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly books: BooksRepository,
    private readonly validator: PeriodValidator,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(period: string): Promise<ValidationView> {
    requirePeriod(period);
    const now = this.clock.now();
    const today = parisDate(now);
    if (periodStart(period) > today) {
      throw new AccountingException(
        AccountingErrorCode.PeriodInFuture,
        `${period} has not begun: only past and current months are validated`,
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const chambreId = await this.books.chambreId(manager);
      await this.books.lockExclusive(chambreId, manager);
      const validation = await this.validator.validate(chambreId, period, now, manager);
      if (validation.entries > 0) {
        await this.audit.record(manager, {
          action: 'accounting_period.validated',
          entityType: 'accounting_period',
          entityId: period,
          before: null,
          after: { through: periodEnd(period), entries: validation.entries, runs: validation.runs },
        });
      }
      return validation;
    });
  }
}
