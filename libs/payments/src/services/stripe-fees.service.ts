import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface StripeFee {
  paymentId: string;
  bookingId: string;
  /** Paris calendar date the payment was taken. */
  chargedOn: string;
  feeCents: number;
}

/** Stripe's fees on the payments it took, for the accounting export (account 627). */
@Injectable()
export class StripeFeesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async between(from: string, to: string): Promise<StripeFee[]> {
    const rows = await this.dataSource.query<
      { id: string; booking_id: string; charged_on: string; fee: string }[]
    >(
      `SELECT id, booking_id, (created_at AT TIME ZONE 'Europe/Paris')::date::text AS charged_on,
              stripe_fee_cents AS fee
         FROM payments
        WHERE provider = 'stripe' AND stripe_fee_cents > 0
          AND created_at >= ($1::date::timestamp AT TIME ZONE 'Europe/Paris')
          AND created_at < (($2::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')
        ORDER BY created_at, id`,
      [from, to],
    );
    return rows.map((row) => ({
      paymentId: row.id,
      bookingId: row.booking_id,
      chargedOn: row.charged_on,
      feeCents: Number(row.fee),
    }));
  }
}
