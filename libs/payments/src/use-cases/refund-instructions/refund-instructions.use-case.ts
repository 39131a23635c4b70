import { Injectable } from '@nestjs/common';
import { Actor } from '@mutualis/identity';
import { Refund } from '../../entities/refund.entity';
import { PaymentsErrorCode, PaymentsException } from '../../payments.exception';
import { PaymentRepository } from '../../repositories/payment.repository';

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
  constructor(private readonly payments: PaymentRepository) {}

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
    await this.payments.updateRefund(refund.id, {
      status: 'done',
      completedAt: new Date(),
      completedBy: actor.userId,
    });
    return present((await this.payments.findRefund(refund.id))!);
  }
}
