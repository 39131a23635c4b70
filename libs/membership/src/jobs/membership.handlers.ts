import { Injectable } from '@nestjs/common';
import {
  EventJob,
  HandledJob,
  jobAuditContext,
  OnEvent,
  QueueName,
  runWithAuditContext,
} from '@mutualis/core';
import { InvoicingEvents } from '@mutualis/invoicing';
import { SettleMembershipUseCase } from '../use-cases/settle-membership/settle-membership.use-case';

/** The membership of a year follows its invoice's payments (and not any other invoice's). */
@Injectable()
export class MembershipHandlers {
  constructor(private readonly settle: SettleMembershipUseCase) {}

  /** Paid in full: active. A partial payment activates nothing. */
  @OnEvent(InvoicingEvents.PaymentRecorded, QueueName.Membership)
  paymentRecorded(event: EventJob<typeof InvoicingEvents.PaymentRecorded>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), async () => {
      const { membershipId, status } = event.payload;
      if (!membershipId) return { outcome: 'not_a_membership' };
      if (status !== 'paid') return { outcome: 'not_paid_in_full' };
      return { outcome: await this.settle.paid(membershipId, event.aggregateId) };
    });
  }

  /** A payment undone (finance's correction): an active membership is pending again. */
  @OnEvent(InvoicingEvents.PaymentReversed, QueueName.Membership)
  paymentReversed(event: EventJob<typeof InvoicingEvents.PaymentReversed>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), async () => {
      const { membershipId, status } = event.payload;
      if (!membershipId) return { outcome: 'not_a_membership' };
      if (status === 'paid') return { outcome: 'still_paid' };
      return { outcome: await this.settle.reversed(membershipId, event.aggregateId) };
    });
  }
}
