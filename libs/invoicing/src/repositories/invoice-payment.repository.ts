import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { centsFromRow } from '@mutualis/core';

/** A payment to record: the source (a payment event, a bank allocation) is unique, so a replay records nothing. */
export interface NewInvoicePayment {
  invoiceId: string;
  source: string;
  amountCents: number;
  method: string;
  /** What the money came through on the payer's side (the payments context's Stripe payment). */
  reference?: string | null;
}

/** Money recorded against invoices, and its reversal. */
@Injectable()
export class InvoicePaymentRepository {
  /** The new payment's id, or null when its source was recorded already. */
  async insertOnce(payment: NewInvoicePayment, manager: EntityManager): Promise<string | null> {
    const inserted = await manager.query<{ id: string }[]>(
      `INSERT INTO invoice_payments (invoice_id, source, amount_cents, method, reference)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (source) DO NOTHING RETURNING id`,
      [
        payment.invoiceId,
        payment.source,
        payment.amountCents,
        payment.method,
        payment.reference ?? null,
      ],
    );
    return inserted[0]?.id ?? null;
  }

  /** Many payments in one statement; answers the new ids by source (a source recorded already is absent). */
  async insertMany(
    payments: NewInvoicePayment[],
    manager: EntityManager,
  ): Promise<Map<string, string>> {
    const inserted = await manager.query<{ id: string; source: string }[]>(
      `INSERT INTO invoice_payments (invoice_id, source, amount_cents, method, reference)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::text[])
       ON CONFLICT (source) DO NOTHING RETURNING id, source`,
      [
        payments.map((payment) => payment.invoiceId),
        payments.map((payment) => payment.source),
        payments.map((payment) => payment.amountCents),
        payments.map((payment) => payment.method),
        payments.map((payment) => payment.reference ?? null),
      ],
    );
    return new Map(inserted.map((row) => [row.source, row.id]));
  }

  /** The payment recorded from this source and not reversed, if any. */
  async findLiveBySource(
    source: string,
    manager: EntityManager,
  ): Promise<{ id: string; invoiceId: string; amountCents: number } | null> {
    const [payment] = await manager.query<
      { id: string; invoice_id: string; amount_cents: string }[]
    >(
      `SELECT id, invoice_id, amount_cents FROM invoice_payments
        WHERE source = $1 AND reversed_at IS NULL`,
      [source],
    );
    return payment
      ? {
          id: payment.id,
          invoiceId: payment.invoice_id,
          amountCents: centsFromRow(payment.amount_cents),
        }
      : null;
  }

  async markReversed(paymentId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE invoice_payments SET reversed_at = now() WHERE id = $1`, [
      paymentId,
    ]);
  }
}
