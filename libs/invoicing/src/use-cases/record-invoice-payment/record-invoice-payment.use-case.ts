import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainEvent, OutboxService } from '@mutualis/core';
import { Invoice } from '../../entities/invoice.entity';
import { InvoicingErrorCode, InvoicingException } from '../../invoicing.exception';
import { InvoiceRepository } from '../../repositories/invoice.repository';
import { settledStatus } from '../../services/invoice-issuer';
import { InvoicingEvents } from '../../invoicing.events';

export type PaymentMethod =
  'card' | 'sepa_debit' | 'bank_transfer' | 'cheque' | 'administrative_mandate';

export interface InvoicePaymentCommand {
  /** What received the money (a payment event, a bank allocation), so a replay records nothing twice. */
  source: string;
  amountCents: number;
  method: PaymentMethod;
}

export type PaymentOutcome = 'recorded' | 'already_recorded';

/** One payment of a group given to `forInvoiceGroups`. */
export type InvoicePaymentOfGroup = InvoicePaymentCommand & { invoiceId: string };

type LockedBalance = {
  id: string;
  number: string | null;
  type: string;
  status: string;
  total_incl_vat_cents: string;
  amount_paid_cents: string;
  amount_credited_cents: string;
};

type Balance = {
  id: string;
  number: string | null;
  type: string;
  status: string;
  totalInclVatCents: number;
  amountPaidCents: number;
  amountCreditedCents: number;
};

/**
 * Records money received against an invoice and moves its status (partially paid, paid), and
 * reverses such a record when it was a mistake. Every change is announced in the outbox.
 */
@Injectable()
export class RecordInvoicePaymentUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invoices: InvoiceRepository,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * For a booking's invoice. A payment can arrive before its invoice is issued: then it
   * throws, and the job is retried.
   */
  execute(command: InvoicePaymentCommand & { bookingId: string }): Promise<PaymentOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const invoice = await this.invoices.findForBookingForUpdate(command.bookingId, manager);
      if (!invoice || invoice.status === 'draft') {
        throw new Error(
          `booking ${command.bookingId} has no issued invoice yet; the payment will be recorded on retry`,
        );
      }
      return this.record(invoice, command, manager);
    });
  }

  /** For an invoice named by its id, in the caller's transaction (a bank allocation). */
  async forInvoice(
    invoiceId: string,
    command: InvoicePaymentCommand,
    manager: EntityManager,
  ): Promise<PaymentOutcome> {
    const invoice = await this.invoices.findByIdForUpdate(invoiceId, manager);
    if (
      !invoice ||
      invoice.type !== 'invoice' ||
      !['issued', 'partially_paid'].includes(invoice.status)
    ) {
      throw new InvoicingException(
        InvoicingErrorCode.InvoiceNotPayable,
        invoice
          ? `invoice ${invoice.number ?? invoice.id} is ${invoice.status}`
          : 'invoice not found',
      );
    }
    const due = invoice.totalInclVatCents - invoice.amountPaidCents - invoice.amountCreditedCents;
    if (command.amountCents > due) {
      throw new InvoicingException(
        InvoicingErrorCode.InvoiceNotPayable,
        `invoice ${invoice.number} has ${due} cents left to pay`,
        [{ field: 'amountCents', message: `must not exceed the ${due} cents due` }],
      );
    }
    return this.record(invoice, command, manager);
  }

  /**
   * Many payments at once, in the caller's transaction (a bank statement's automatic
   * allocations): the same rules as `forInvoice`, with a few statements for all of them. The
   * invoices are locked (in id order), then the groups are taken in order, each against the
   * balances the groups before it left: a group whose invoice is not payable or owes less than
   * its payment is refused whole (its error in the result, nothing of it recorded) and the
   * others are recorded, each payment with its outbox event.
   */
  async forInvoiceGroups(
    groups: InvoicePaymentOfGroup[][],
    manager: EntityManager,
  ): Promise<(InvoicingException | null)[]> {
    const ids = [...new Set(groups.flat().map((payment) => payment.invoiceId))].sort();
    if (ids.length === 0) return groups.map(() => null);
    const locked = await manager.query<LockedBalance[]>(
      `SELECT id, number, type, status, total_incl_vat_cents, amount_paid_cents, amount_credited_cents
         FROM invoices WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
      [ids],
    );
    const balances = new Map<string, Balance>(
      locked.map((row) => [
        row.id,
        {
          id: row.id,
          number: row.number,
          type: row.type,
          status: row.status,
          totalInclVatCents: Number(row.total_incl_vat_cents),
          amountPaidCents: Number(row.amount_paid_cents),
          amountCreditedCents: Number(row.amount_credited_cents),
        },
      ]),
    );
    const initialPaid = new Map([...balances.values()].map((b) => [b.id, b.amountPaidCents]));
    const outcomes: (InvoicingException | null)[] = [];
    const accepted: InvoicePaymentOfGroup[] = [];
    for (const group of groups) {
      // Tried on copies, kept only when the whole group fits.
      const tried = new Map<string, Balance>();
      let refused: InvoicingException | null = null;
      for (const payment of group) {
        const current = balances.get(payment.invoiceId);
        const invoice = tried.get(payment.invoiceId) ?? (current ? { ...current } : undefined);
        if (
          !invoice ||
          invoice.type !== 'invoice' ||
          !['issued', 'partially_paid'].includes(invoice.status)
        ) {
          refused = new InvoicingException(
            InvoicingErrorCode.InvoiceNotPayable,
            invoice
              ? `invoice ${invoice.number ?? invoice.id} is ${invoice.status}`
              : 'invoice not found',
          );
          break;
        }
        const due =
          invoice.totalInclVatCents - invoice.amountPaidCents - invoice.amountCreditedCents;
        if (payment.amountCents > due) {
          refused = new InvoicingException(
            InvoicingErrorCode.InvoiceNotPayable,
            `invoice ${invoice.number} has ${due} cents left to pay`,
            [{ field: 'amountCents', message: `must not exceed the ${due} cents due` }],
          );
          break;
        }
        invoice.amountPaidCents += payment.amountCents;
        invoice.status = settledStatus(invoice);
        tried.set(invoice.id, invoice);
      }
      outcomes.push(refused);
      if (refused) continue;
      for (const [id, invoice] of tried) balances.set(id, invoice);
      accepted.push(...group);
    }
    if (accepted.length === 0) return outcomes;
    const inserted = await manager.query<{ id: string; source: string }[]>(
      `INSERT INTO invoice_payments (invoice_id, source, amount_cents, method)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[])
       ON CONFLICT (source) DO NOTHING RETURNING id, source`,
      [
        accepted.map((payment) => payment.invoiceId),
        accepted.map((payment) => payment.source),
        accepted.map((payment) => payment.amountCents),
        accepted.map((payment) => payment.method),
      ],
    );
    // A source already recorded (a replay) moves nothing, as in `forInvoice`.
    const paymentIds = new Map(inserted.map((row) => [row.source, row.id]));
    const paid = new Map(initialPaid);
    const events: DomainEvent[] = [];
    const finalStatus = new Map<string, string>();
    for (const payment of accepted) {
      const paymentId = paymentIds.get(payment.source);
      if (!paymentId) continue;
      const invoice = balances.get(payment.invoiceId)!;
      const amountPaidCents = paid.get(invoice.id)! + payment.amountCents;
      paid.set(invoice.id, amountPaidCents);
      const status = settledStatus({ ...invoice, amountPaidCents });
      finalStatus.set(invoice.id, status);
      events.push({
        type: InvoicingEvents.PaymentRecorded,
        aggregateType: 'invoice',
        aggregateId: invoice.id,
        payload: { paymentId, amountCents: payment.amountCents, status },
      });
    }
    if (events.length === 0) return outcomes;
    const moved = [...finalStatus.keys()];
    await manager.query(
      `UPDATE invoices i
          SET amount_paid_cents = v.paid, status = v.status, updated_at = CURRENT_TIMESTAMP
         FROM unnest($1::uuid[], $2::bigint[], $3::text[]) AS v(id, paid, status)
        WHERE i.id = v.id`,
      [moved, moved.map((id) => paid.get(id)), moved.map((id) => finalStatus.get(id))],
    );
    await this.outbox.record(manager, ...events);
    return outcomes;
  }

  /** Takes back the payment recorded from `source`, in the caller's transaction. */
  async reverse(source: string, manager: EntityManager): Promise<'reversed' | 'not_recorded'> {
    const [payment] = await manager.query<
      { id: string; invoice_id: string; amount_cents: string }[]
    >(
      `SELECT id, invoice_id, amount_cents FROM invoice_payments
        WHERE source = $1 AND reversed_at IS NULL`,
      [source],
    );
    if (!payment) return 'not_recorded';
    const invoice = (await this.invoices.findByIdForUpdate(payment.invoice_id, manager))!;
    await manager.query(`UPDATE invoice_payments SET reversed_at = now() WHERE id = $1`, [
      payment.id,
    ]);
    await this.movePaid(
      invoice,
      -Number(payment.amount_cents),
      InvoicingEvents.PaymentReversed,
      payment.id,
      manager,
    );
    return 'reversed';
  }

  /** Moves the invoice's paid amount and status, and announces the payment recorded or reversed. */
  private async movePaid(
    invoice: Invoice,
    deltaCents: number,
    type: typeof InvoicingEvents.PaymentRecorded | typeof InvoicingEvents.PaymentReversed,
    paymentId: string,
    manager: EntityManager,
  ): Promise<void> {
    const amountPaidCents = invoice.amountPaidCents + deltaCents;
    const status = settledStatus({ ...invoice, amountPaidCents });
    await this.invoices.update(invoice.id, { amountPaidCents, status }, manager);
    await this.outbox.record(manager, {
      type,
      aggregateType: 'invoice',
      aggregateId: invoice.id,
      payload: { paymentId, amountCents: Math.abs(deltaCents), status },
    });
  }

  private async record(
    invoice: Invoice,
    command: InvoicePaymentCommand,
    manager: EntityManager,
  ): Promise<PaymentOutcome> {
    const inserted = await manager.query<{ id: string }[]>(
      `INSERT INTO invoice_payments (invoice_id, source, amount_cents, method) VALUES ($1, $2, $3, $4)
       ON CONFLICT (source) DO NOTHING RETURNING id`,
      [invoice.id, command.source, command.amountCents, command.method],
    );
    if (inserted.length === 0) return 'already_recorded';
    await this.movePaid(
      invoice,
      command.amountCents,
      InvoicingEvents.PaymentRecorded,
      inserted[0].id,
      manager,
    );
    return 'recorded';
  }
}
