import { Injectable } from '@nestjs/common';
import { StripePayout, StripeRecordRepository } from '../repositories/stripe-record.repository';

export type { StripePayout };

/** Stripe payouts, read by reconciliation to match the bank credit that carries each. */
@Injectable()
export class StripePayoutsService {
  constructor(private readonly records: StripeRecordRepository) {}

  /** Payouts of exactly this amount, by arrival date (the caller knows which are matched). */
  byAmount(amountCents: number): Promise<StripePayout[]> {
    return this.records.payoutsOfAmount(amountCents);
  }
}
