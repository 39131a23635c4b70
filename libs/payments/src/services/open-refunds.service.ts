import { Injectable } from '@nestjs/common';
import { OpenRefund, PaymentRepository } from '../repositories/payment.repository';

export type { OpenRefund };

/** Refund transfers still to make, read by reconciliation to match the bank debits that pay them. */
@Injectable()
export class OpenRefundsService {
  constructor(private readonly payments: PaymentRepository) {}

  /** Every one still to make, or only the one named (empty when it is not open). */
  list(refundId?: string): Promise<OpenRefund[]> {
    return this.payments.openRefunds(refundId);
  }
}
