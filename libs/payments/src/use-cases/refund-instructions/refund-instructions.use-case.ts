import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxService } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { Refund } from '../../entities/refund.entity';
import { PaymentsErrorCode, PaymentsException } from '../../payments.exception';
import { PaymentRepository } from '../../repositories/payment.repository';
import { refundedEvent } from '../../services/refund.service';

export interface RefundInstructionView {
  id: string;
  bookingId: string;
  paymentId: string;
  amountCents: number;
  currency: 'EUR';
  reason: string;
  status: Refund['status'];
  createdAt: string;
  completedAt: string | null;
}

function present(refund: Refund): RefundInstructionView {
  return {
    id: refund.id,
    bookingId: refund.bookingId,
    paymentId: refund.paymentId,
    amountCents: refund.amountCents,
    currency: 'EUR',
    reason: refund.reason,
    status: refund.status,
    createdAt: refund.createdAt.toISOString(),
    completedAt: refund.completedAt?.toISOString() ?? null,
  };
}

/** Transfers finance owes members (bookings paid by transfer, then cancelled): list, then mark paid. */
@Injectable()
export class RefundInstructionsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payments: PaymentRepository,
    private readonly outbox: OutboxService,
  ) {}

  async list(): Promise<RefundInstructionView[]> {
    return (await this.payments.instructions()).map(present);
  }

  async markDone(actor: Actor, refundId: string): Promise<RefundInstructionView> {
    const refund = await this.payments.findRefund(refundId);
    if (!refund) throw new PaymentsException(PaymentsErrorCode.RefundNotFound, 'refund not found');
    if (refund.status !== 'instructed') {
      throw new PaymentsException(
        PaymentsErrorCode.RefundNotPending,
        `this refund is ${refund.status}`,
      );
    }
    await this.dataSource.transaction(async (manager) => {
      // Conditional on the status, so two finance users marking it at once announce it once.
      const marked = await manager.update(
        Refund,
        { id: refund.id, status: 'instructed' },
        { status: 'done', completedAt: new Date(), completedBy: actor.userId },
      );
      if (marked.affected !== 1) {
        throw new PaymentsException(PaymentsErrorCode.RefundNotPending, 'this refund is done');
      }
      await this.outbox.record(
        manager,
        refundedEvent(refund.id, refund.bookingId, refund.amountCents, 'bank_transfer'),
      );
    });
    return present((await this.payments.findRefund(refund.id))!);
  }
}
