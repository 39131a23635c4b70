import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { centsFromRow, nullableCentsFromRow } from '@mutualis/core';
import { StripeEvent } from '../entities/stripe-event.entity';

/** A Stripe payout as the bank will see it: one credit of its amount. */
export interface StripePayout {
  payoutId: string;
  amountCents: number;
  arrivalDate: string;
  charges: number | null;
  feeCents: number | null;
}

export interface StripeFee {
  paymentId: string;
  /** Null for a payment of an invoice alone (a cotisation). */
  bookingId: string | null;
  /** Paris calendar date the payment was taken. */
  chargedOn: string;
  feeCents: number;
}

/**
 * What Stripe tells us, kept once by Stripe's ids (upserts, so replays are harmless): webhook
 * events, payouts and their details, and the fees reports read.
 */
@Injectable()
export class StripeRecordRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores a webhook event; false when its id was stored already. */
  async insertEventOnce(
    event: { id: string; type: string; payload: unknown },
    manager: EntityManager,
  ): Promise<boolean> {
    const inserted = await manager.query<{ id: string }[]>(
      `INSERT INTO stripe_events (id, type, payload) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [event.id, event.type, JSON.stringify(event.payload)],
    );
    return inserted.length > 0;
  }

  /** A stored event, locked until the caller's transaction ends. */
  lockEvent(id: string, manager: EntityManager): Promise<StripeEvent | null> {
    return manager
      .getRepository(StripeEvent)
      .createQueryBuilder('event')
      .setLock('for_no_key_update')
      .where('event.id = :id', { id })
      .getOne();
  }

  async markEventProcessed(id: string, outcome: string, manager: EntityManager): Promise<void> {
    await manager.update(StripeEvent, { id }, { processedAt: new Date(), outcome });
  }

  /** Keeps a paid payout; false when it was kept already. */
  async insertPayoutOnce(
    payout: { id: string; amountCents: number; currency: string; arrivalEpochSeconds: number },
    manager: EntityManager,
  ): Promise<boolean> {
    const [inserted] = await manager.query<{ id: string }[]>(
      `INSERT INTO stripe_payouts (id, amount_cents, currency, arrival_date)
       VALUES ($1, $2, upper($3), (to_timestamp($4) AT TIME ZONE 'Europe/Paris')::date)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [payout.id, payout.amountCents, payout.currency, payout.arrivalEpochSeconds],
    );
    return inserted !== undefined;
  }

  /**
   * Links charges to the payments they paid, with Stripe's fee where the payment lacks it;
   * answers the payments whose fee this gave, for the caller to announce.
   */
  async linkChargesToPayout(
    payoutId: string,
    links: { chargeId: string; feeCents: number }[],
    manager: EntityManager,
  ): Promise<{ paymentId: string; feeCents: number }[]> {
    const charges = links.map((link) => link.chargeId);
    // Locked first, so that the fee read as missing is the fee this statement sets.
    const missing = await manager.query<{ id: string }[]>(
      `SELECT id FROM payments WHERE stripe_charge_id = ANY($1::text[]) AND stripe_fee_cents IS NULL
        ORDER BY id FOR NO KEY UPDATE`,
      [charges],
    );
    const updated = await manager.query<{ id: string; fee: string | null }[]>(
      `UPDATE payments p SET stripe_payout_id = $1, stripe_fee_cents = coalesce(p.stripe_fee_cents, l.fee)
         FROM unnest($2::text[], $3::bigint[]) AS l(charge, fee)
        WHERE p.stripe_charge_id = l.charge
        RETURNING p.id, p.stripe_fee_cents AS fee`,
      [payoutId, charges, links.map((link) => link.feeCents)],
    );
    const given = new Set(missing.map((row) => row.id));
    return updated.flatMap((row) => {
      const feeCents = nullableCentsFromRow(row.fee);
      return given.has(row.id) && feeCents !== null && feeCents > 0
        ? [{ paymentId: row.id, feeCents }]
        : [];
    });
  }

  async recordPayoutDetails(
    payoutId: string,
    details: { charges: number; refunds: number; feeCents: number },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE stripe_payouts SET charges = $2, refunds = $3, fee_cents = $4, detailed_at = now() WHERE id = $1`,
      [payoutId, details.charges, details.refunds, details.feeCents],
    );
  }

  /** One payout, by Stripe's id. */
  async payout(payoutId: string): Promise<StripePayout | null> {
    const [row] = await this.dataSource.query<
      {
        id: string;
        amount_cents: string;
        arrival_date: string;
        charges: number | null;
        fee_cents: string | null;
      }[]
    >(
      `SELECT id, amount_cents, arrival_date::text, charges, fee_cents FROM stripe_payouts WHERE id = $1`,
      [payoutId],
    );
    return row
      ? {
          payoutId: row.id,
          amountCents: centsFromRow(row.amount_cents),
          arrivalDate: row.arrival_date,
          charges: row.charges,
          feeCents: nullableCentsFromRow(row.fee_cents),
        }
      : null;
  }

  /** Payouts of exactly this amount, by arrival date. */
  async payoutsOfAmount(amountCents: number): Promise<StripePayout[]> {
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
      amountCents: centsFromRow(row.amount_cents),
      arrivalDate: row.arrival_date,
      charges: row.charges,
      feeCents: nullableCentsFromRow(row.fee_cents),
    }));
  }

  /** Stripe's fees on the payments it took within [from, to] (Paris dates). */
  async feesBetween(from: string, to: string): Promise<StripeFee[]> {
    const rows = await this.dataSource.query<
      { id: string; booking_id: string | null; charged_on: string; fee: string }[]
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
      feeCents: centsFromRow(row.fee),
    }));
  }
}
