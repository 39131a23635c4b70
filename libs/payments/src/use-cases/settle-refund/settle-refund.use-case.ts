import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditLog, Clock, OutboxService } from '@mutualis/core';
import { Refund } from '../../entities/refund.entity';
import { PaymentsErrorCode, PaymentsException } from '../../payments.exception';
import { PaymentRepository } from '../../repositories/payment.repository';
import { refundedEvent } from '../../services/refund.service';
import type { RefundSettlement } from '../../payments.events';

@Injectable()
export class SettleRefundUseCase {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /**
   * Marks the transfer made, in the caller's transaction (by hand, or because the bank shows
   * it: `settledBy`, which tells the books where the entry comes from). Conditional on the
   * status, so two finance users marking it at once announce it once.
   */
  async execute(
    refundId: string,
    actorId: string | null,
    manager: EntityManager,
    settledBy: Exclude<RefundSettlement, 'stripe'> = 'finance',
  ): Promise<void> {
    const refund = await this.payments.findRefund(refundId);
    if (!refund) throw new PaymentsException(PaymentsErrorCode.RefundNotFound, 'refund not found');
    const marked = await manager.update(
      Refund,
      { id: refund.id, status: 'instructed' },
      { status: 'done', completedAt: this.clock.now(), completedBy: actorId },
    );
    if (marked.affected !== 1) {
      throw new PaymentsException(
        PaymentsErrorCode.RefundNotPending,
        `this refund is ${refund.status}`,
      );
    }
    await this.outbox.record(
      manager,
      refundedEvent(refund.id, refund.bookingId, refund.amountCents, 'bank_transfer', settledBy),
    );
    await this.audit.record(manager, {
      action: 'refund.marked_done',
      entityType: 'refund',
      entityId: refund.id,
      before: { status: 'instructed' },
      after: { status: 'done', amountCents: refund.amountCents },
      context: { bookingId: refund.bookingId, paymentId: refund.paymentId },
    });
  }
}
