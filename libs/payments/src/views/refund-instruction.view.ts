import { Refund } from '../entities/refund.entity';

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

export function presentRefundInstruction(refund: Refund): RefundInstructionView {
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
