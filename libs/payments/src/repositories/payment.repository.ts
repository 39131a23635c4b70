import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { centsFromRow } from '@mutualis/core';
import { Payment } from '../entities/payment.entity';
import { Refund } from '../entities/refund.entity';

/** A refund transfer finance still has to make, with the organisation it goes to. */
export interface OpenRefund {
  refundId: string;
  organisationId: string;
  amountCents: number;
  createdAt: Date;
}

/** A payment as the books post it. */
export interface PaymentFacts {
  paymentId: string;
  /** Null for a payment of an invoice alone (a cotisation). */
  bookingId: string | null;
  organisationId: string;
  provider: 'stripe' | 'bank_transfer';
  method: 'card' | 'sepa_debit' | 'bank_transfer' | null;
  amountCents: number;
  stripePaymentIntentId: string | null;
  stripeChargeId: string | null;
  stripeBalanceTransactionId: string | null;
  stripeFeeCents: number | null;
  /** When Stripe took the money; null before, and on rows older than the column. */
  succeededAt: Date | null;
  createdAt: Date;
}

/** A refund as the books post it, with the organisation it goes to. */
export interface RefundFacts {
  refundId: string;
  paymentId: string;
  bookingId: string;
  organisationId: string;
  amountCents: number;
  provider: 'stripe' | 'bank_transfer';
  status: Refund['status'];
  stripeRefundId: string | null;
  /** What caused it: `late-payment:<payment>` for money paid too late, an event otherwise. */
  source: string;
  completedAt: Date | null;
}

@Injectable()
export class PaymentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    payment: Partial<Payment>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Payment> {
    const created = manager.create(Payment, {
      currency: 'EUR',
      amountRefundedCents: 0,
      ...payment,
    });
    await manager.insert(Payment, created);
    return (await manager.findOne(Payment, { where: { id: created.id } }))!;
  }

  update(id: string, changes: Partial<Payment>, manager: EntityManager = this.dataSource.manager) {
    return manager.update(Payment, { id }, changes);
  }

  bySessionForUpdate(sessionId: string, manager: EntityManager): Promise<Payment | null> {
    return manager
      .getRepository(Payment)
      .createQueryBuilder('payment')
      .setLock('for_no_key_update')
      .where('payment.stripeCheckoutSessionId = :sessionId', { sessionId })
      .getOne();
  }

  byPaymentIntentForUpdate(
    paymentIntentId: string,
    manager: EntityManager,
  ): Promise<Payment | null> {
    return manager
      .getRepository(Payment)
      .createQueryBuilder('payment')
      .setLock('for_no_key_update')
      .where('payment.stripePaymentIntentId = :paymentIntentId', { paymentIntentId })
      .getOne();
  }

  /** The booking's open card attempt, to hand the same Checkout page back instead of a second one. */
  openCheckout(bookingId: string): Promise<Payment | null> {
    return this.dataSource.manager.findOne(Payment, {
      where: { bookingId, provider: 'stripe', status: 'pending' },
      order: { createdAt: 'DESC' },
    });
  }

  /**
   * The invoice's card attempt in flight (a Checkout page open, a SEPA debit on its way): at most
   * one, by a unique index.
   */
  openInvoiceCheckout(invoiceId: string): Promise<Payment | null> {
    return this.dataSource.manager.findOne(Payment, {
      where: {
        invoiceId,
        bookingId: IsNull(),
        provider: 'stripe',
        status: In(['pending', 'processing']),
      },
    });
  }

  /** Sets aside an attempt whose Checkout page is gone or no longer right, if still pending. */
  async expirePending(paymentId: string): Promise<void> {
    await this.dataSource.manager.update(
      Payment,
      { id: paymentId, status: 'pending' },
      { status: 'expired' },
    );
  }

  succeededForBooking(bookingId: string, manager: EntityManager): Promise<Payment[]> {
    return manager.find(Payment, {
      where: { bookingId, status: 'succeeded' },
      order: { createdAt: 'ASC' },
    });
  }

  forBooking(bookingId: string): Promise<Payment[]> {
    return this.dataSource.manager.find(Payment, {
      where: { bookingId },
      order: { createdAt: 'ASC' },
    });
  }

  async createRefund(refund: Partial<Refund>, manager: EntityManager): Promise<Refund | null> {
    const rows = await manager
      .createQueryBuilder()
      .insert()
      .into(Refund)
      .values(refund)
      .orIgnore()
      .returning('id')
      .execute();
    const id = (rows.raw as { id: string }[])[0]?.id;
    return id ? manager.findOne(Refund, { where: { id } }) : null;
  }

  findRefund(id: string, manager: EntityManager = this.dataSource.manager): Promise<Refund | null> {
    return manager.findOne(Refund, { where: { id } });
  }

  updateRefund(
    id: string,
    changes: Partial<Refund>,
    manager: EntityManager = this.dataSource.manager,
  ) {
    return manager.update(Refund, { id }, changes);
  }

  instructions(): Promise<Refund[]> {
    return this.dataSource.manager.find(Refund, {
      where: { status: 'instructed' },
      order: { createdAt: 'ASC' },
      take: 200,
    });
  }

  /** Refunds instructed and not yet transferred (or the one named), oldest first. */
  async openRefunds(refundId?: string): Promise<OpenRefund[]> {
    const rows = await this.dataSource.query<
      { id: string; organisation_id: string; amount_cents: string; created_at: Date }[]
    >(
      `SELECT r.id, p.organisation_id, r.amount_cents, r.created_at
         FROM refunds r JOIN payments p ON p.id = r.payment_id
        WHERE r.status = 'instructed' ${refundId ? 'AND r.id = $1' : ''}
        ORDER BY r.created_at, r.id`,
      refundId ? [refundId] : [],
    );
    return rows.map((row) => ({
      refundId: row.id,
      organisationId: row.organisation_id,
      amountCents: centsFromRow(row.amount_cents),
      createdAt: row.created_at,
    }));
  }

  async facts(paymentId: string): Promise<PaymentFacts | null> {
    const payment = await this.dataSource.manager.findOne(Payment, { where: { id: paymentId } });
    if (!payment) return null;
    return {
      paymentId: payment.id,
      bookingId: payment.bookingId,
      organisationId: payment.organisationId,
      provider: payment.provider,
      method: payment.method,
      amountCents: payment.amountCents,
      stripePaymentIntentId: payment.stripePaymentIntentId,
      stripeChargeId: payment.stripeChargeId,
      stripeBalanceTransactionId: payment.stripeBalanceTransactionId,
      stripeFeeCents: payment.stripeFeeCents,
      succeededAt: payment.succeededAt,
      createdAt: payment.createdAt,
    };
  }

  async refundFacts(refundId: string): Promise<RefundFacts | null> {
    const [row] = await this.dataSource.query<
      {
        id: string;
        payment_id: string;
        booking_id: string;
        organisation_id: string;
        amount_cents: string;
        provider: 'stripe' | 'bank_transfer';
        status: Refund['status'];
        stripe_refund_id: string | null;
        source: string;
        completed_at: Date | null;
      }[]
    >(
      `SELECT r.id, r.payment_id, r.booking_id, p.organisation_id, r.amount_cents, r.provider,
              r.status, r.stripe_refund_id, r.source, r.completed_at
         FROM refunds r JOIN payments p ON p.id = r.payment_id
        WHERE r.id = $1`,
      [refundId],
    );
    if (!row) return null;
    return {
      refundId: row.id,
      paymentId: row.payment_id,
      bookingId: row.booking_id,
      organisationId: row.organisation_id,
      amountCents: centsFromRow(row.amount_cents),
      provider: row.provider,
      status: row.status,
      stripeRefundId: row.stripe_refund_id,
      source: row.source,
      completedAt: row.completed_at,
    };
  }
}
