import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { StripeGateway } from '../../services/stripe-gateway';

export interface StripePayout {
  payoutId: string;
  amountCents: number;
  arrivalDate: string;
  charges: number | null;
  feeCents: number | null;
}

/**
 * Details a paid-out Stripe payout: its balance transactions are fetched from Stripe, each
 * charge linked to its payment (with Stripe's fee when the payment lacks it), and the payout
 * keeps its counts and fees. Safe to run again: the links and totals are simply rewritten.
 */
@Injectable()
export class RecordPayoutUseCase {
  private readonly logger = new Logger(RecordPayoutUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stripe: StripeGateway,
  ) {}

  async execute(payoutId: string): Promise<{ charges: number; refunds: number; feeCents: number }> {
    let charges = 0;
    let refunds = 0;
    let feeCents = 0;
    const links: { chargeId: string; feeCents: number }[] = [];
    // The client pages through the list (100 at a time) for us.
    for await (const transaction of this.stripe
      .require()
      .balanceTransactions.list({ payout: payoutId, limit: 100 })) {
      feeCents += transaction.fee;
      if (transaction.type === 'charge' || transaction.type === 'payment') {
        charges++;
        const chargeId = sourceId(transaction.source);
        if (chargeId) links.push({ chargeId, feeCents: transaction.fee });
      } else if (transaction.type === 'refund' || transaction.type === 'payment_refund') {
        refunds++;
      }
    }
    await this.dataSource.transaction(async (manager) => {
      if (links.length > 0) {
        await manager.query(
          `UPDATE payments p SET stripe_payout_id = $1, stripe_fee_cents = coalesce(p.stripe_fee_cents, l.fee)
             FROM unnest($2::text[], $3::bigint[]) AS l(charge, fee)
            WHERE p.stripe_charge_id = l.charge`,
          [payoutId, links.map((link) => link.chargeId), links.map((link) => link.feeCents)],
        );
      }
      await manager.query(
        `UPDATE stripe_payouts SET charges = $2, refunds = $3, fee_cents = $4, detailed_at = now() WHERE id = $1`,
        [payoutId, charges, refunds, feeCents],
      );
    });
    this.logger.log({ payoutId, charges, refunds, feeCents }, 'payout detailed');
    return { charges, refunds, feeCents };
  }

  /** Payouts no bank line has been matched with yet (the caller says which are matched). */
  async byAmount(amountCents: number): Promise<StripePayout[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        amount_cents: string;
        arrival_date: string;
        charges: number | null;
        fee_cents: string | null;
      }[]
    >(
      `SELECT id, amount_cents, arrival_date::text, charges, fee_cents FROM stripe_payouts
        WHERE amount_cents = $1 ORDER BY arrival_date, id`,
      [amountCents],
    );
    return rows.map((row) => ({
      payoutId: row.id,
      amountCents: Number(row.amount_cents),
      arrivalDate: row.arrival_date,
      charges: row.charges,
      feeCents: row.fee_cents === null ? null : Number(row.fee_cents),
    }));
  }
}

function sourceId(source: string | Stripe.BalanceTransactionSource | null): string | null {
  if (!source) return null;
  return typeof source === 'string' ? source : source.id;
}
