import { Injectable } from '@nestjs/common';
import { StripeFee, StripeRecordRepository } from '../repositories/stripe-record.repository';

export type { StripeFee };

/** Stripe's fees on the payments it took, for the accounting export (account 627). */
@Injectable()
export class StripeFeesService {
  constructor(private readonly records: StripeRecordRepository) {}

  between(from: string, to: string): Promise<StripeFee[]> {
    return this.records.feesBetween(from, to);
  }
}
