import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PaymentRepository } from '../../repositories/payment.repository';
import { RefundService } from '../../services/refund.service';

/**
 * Pays back what a cancellation refunds: through Stripe for card and SEPA payments (partial
 * refunds included), or as an instruction for finance when the booking was paid by transfer.
 * Once per cancellation event.
 */
@Injectable()
export class RefundCancellationUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payments: PaymentRepository,
    private readonly refunds: RefundService,
  ) {}

  async execute(eventId: string, bookingId: string, refundCents: number): Promise<string> {
    if (refundCents <= 0) return 'nothing_to_refund';
    const refund = await this.dataSource.transaction(async (manager) => {
      const [payment] = await this.payments.succeededForBooking(bookingId, manager);
      if (!payment) return null;
      return this.payments.createRefund(
        {
          paymentId: payment.id,
          bookingId,
          amountCents: Math.min(refundCents, payment.amountCents - payment.amountRefundedCents),
          provider: payment.provider,
          status: payment.provider === 'stripe' ? 'pending' : 'instructed',
          reason: 'booking cancelled',
          source: `booking.cancelled:${eventId}`,
        },
        manager,
      );
    });
    if (!refund) return 'nothing_paid_or_already_refunded';
    if (refund.provider === 'stripe') await this.refunds.send(refund.id);
    return refund.provider === 'stripe' ? 'refunded' : 'instructed';
  }
}
