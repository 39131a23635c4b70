import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@mutualis/core';
import { MembershipService } from '@mutualis/identity';

export type SettleOutcome = 'activated' | 'reopened' | 'unchanged';

/**
 * A membership follows the payment of its invoice: paid in full, it becomes active (from then
 * the member price applies to services of its year); a payment undone brings an active one back
 * to pending. Idempotent: a redelivered event finds nothing to change.
 */
@Injectable()
export class SettleMembershipUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly audit: AuditLog,
  ) {}

  paid(membershipId: string, invoiceId: string): Promise<SettleOutcome> {
    return this.move(membershipId, invoiceId, 'activate');
  }

  reversed(membershipId: string, invoiceId: string): Promise<SettleOutcome> {
    return this.move(membershipId, invoiceId, 'reopen');
  }

  private move(
    membershipId: string,
    invoiceId: string,
    how: 'activate' | 'reopen',
  ): Promise<SettleOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.memberships[how](membershipId, manager);
      if (!before) return 'unchanged';
      const status = how === 'activate' ? 'active' : 'pending';
      await this.audit.record(manager, {
        action: how === 'activate' ? 'membership.activated' : 'membership.reopened',
        entityType: 'organisation',
        entityId: before.organisationId,
        before: { year: before.year, status: before.status },
        after: { year: before.year, status },
        context: { membershipId, invoiceId },
      });
      return how === 'activate' ? 'activated' : 'reopened';
    });
  }
}
