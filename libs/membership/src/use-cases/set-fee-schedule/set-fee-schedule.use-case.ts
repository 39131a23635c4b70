import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@mutualis/core';
import { gridProblems } from '../../domain/fee-grid-rules';
import { MembershipErrorCode, MembershipException } from '../../membership.exception';
import { ChambreScopeRepository } from '../../repositories/chambre-scope.repository';
import {
  FeeRateFields,
  FeeScheduleFields,
  FeeScheduleRepository,
} from '../../repositories/fee-schedule.repository';
import { FeeScheduleView, presentFeeSchedule } from '../../views/fee-schedule.view';

export interface SetFeeScheduleCommand extends FeeScheduleFields {
  year: number;
  rates: FeeRateFields[];
  /** The admin who sets it (the route is guarded: admins only). */
  userId: string;
}

/**
 * The Chambre sets a year's grid as a whole (settings and brackets), audited with what it
 * replaced. Invoices already issued keep their amounts; the grid prices what comes next.
 */
@Injectable()
export class SetFeeScheduleUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly chambre: ChambreScopeRepository,
    private readonly schedules: FeeScheduleRepository,
    private readonly audit: AuditLog,
  ) {}

  async execute(command: SetFeeScheduleCommand): Promise<FeeScheduleView> {
    const problems = gridProblems(command.rates);
    if (command.prorataFrom !== null && !command.prorataFrom.startsWith(`${command.year}-`)) {
      problems.push({ field: 'prorataFrom', message: `must be a day of ${command.year}` });
    }
    if (problems.length > 0) {
      const overlapping = problems.some((problem) => problem.message.startsWith('overlaps'));
      throw new MembershipException(
        overlapping
          ? MembershipErrorCode.OverlappingBrackets
          : MembershipErrorCode.InvalidFeeSchedule,
        overlapping
          ? 'two brackets of one family and basis overlap'
          : 'the fee schedule is not valid',
        problems,
      );
    }
    const chambreId = await this.chambre.currentId();
    const schedule = await this.dataSource.transaction(async (manager) => {
      const before = await this.schedules.lockForYear(chambreId, command.year, manager);
      const { year, rates, userId, ...fields } = command;
      const after = await this.schedules.replace(chambreId, year, fields, rates, userId, manager);
      await this.audit.record(manager, {
        action: 'membership.fee-schedule.set',
        entityType: 'membership_fee_schedule',
        entityId: after.id,
        before: before ? auditState(presentFeeSchedule(before)) : null,
        after: auditState(presentFeeSchedule(after)),
        context: { year },
      });
      return after;
    });
    return presentFeeSchedule(schedule);
  }
}

function auditState(view: FeeScheduleView): Record<string, unknown> {
  const { updatedAt: _updatedAt, vatMention: _vatMention, ...state } = view;
  return state;
}
