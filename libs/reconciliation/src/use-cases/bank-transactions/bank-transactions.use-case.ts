import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, Page, toPage } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { InvoiceLedgerService } from '@mutualis/invoicing';
import { describeReason, MatchReason } from '../../matching/match-scoring';
import { ReconciliationErrorCode, ReconciliationException } from '../../reconciliation.exception';
import { AllocationService } from '../../services/allocation.service';

export type TransactionStatus = 'unmatched' | 'suggested' | 'matched';

export interface BankTransactionView {
  id: string;
  bookingDate: string;
  valueDate: string | null;
  amountCents: number;
  currency: string;
  direction: 'credit' | 'debit';
  payerName: string | null;
  payerIban: string | null;
  remittanceInfo: string | null;
  reference: string | null;
  bankReference: string | null;
  status: TransactionStatus;
  allocatedCents: number;
  suggestions: {
    /** An invoice for a credit, or a refund instruction for a debit. */
    invoiceId: string | null;
    invoiceNumber: string | null;
    refundId: string | null;
    organisationName: string | null;
    amountDueCents: number | null;
    score: number;
    reasons: (MatchReason & { text: string })[];
  }[];
  allocations: {
    id: string;
    kind: 'invoice' | 'organisation_credit' | 'refund' | 'payout';
    invoiceId: string | null;
    invoiceNumber: string | null;
    refundId: string | null;
    /** A Stripe payout (one credit for many card payments): no single organisation. */
    payoutId: string | null;
    organisationId: string | null;
    amountCents: number;
    automatic: boolean;
    createdAt: string;
  }[];
}

export interface AuditEntryView {
  at: string;
  actorId: string | null;
  action: string;
  allocationId: string | null;
  invoiceId: string | null;
  amountCents: number | null;
}

type TransactionRow = {
  id: string;
  booking_date: string;
  value_date: string | null;
  amount_cents: string;
  currency: string;
  direction: 'credit' | 'debit';
  counterparty_name: string | null;
  counterparty_iban: string | null;
  remittance_info: string | null;
  creditor_reference: string | null;
  bank_reference: string | null;
  status: TransactionStatus;
  allocated_cents: string;
  created_at: Date;
};

/** The reconciliation workbench: lines by status with their suggestions, allocating and undoing. */
@Injectable()
export class BankTransactionsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly allocations: AllocationService,
    private readonly ledger: InvoiceLedgerService,
  ) {}

  async list(query: {
    statuses?: TransactionStatus[];
    limit: number;
    cursor?: string;
    locale: 'fr' | 'en';
  }): Promise<Page<BankTransactionView>> {
    const after = decodeCursor(query.cursor);
    const rows = await this.dataSource.query<TransactionRow[]>(
      `SELECT id, booking_date::text, value_date::text, amount_cents, currency, direction, counterparty_name,
              counterparty_iban, remittance_info, creditor_reference, bank_reference, status,
              allocated_cents, created_at
         FROM bank_transactions
        WHERE ($1::text[] IS NULL OR status = ANY($1))
          AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))
        ORDER BY created_at DESC, id DESC
        LIMIT $4`,
      [query.statuses ?? null, after?.createdAt ?? null, after?.id ?? null, query.limit + 1],
    );
    const views = await this.present(rows, query.locale);
    return toPage(
      rows.map((row, index) => ({ createdAt: row.created_at, id: row.id, view: views[index] })),
      query.limit,
      (row) => row.view,
    );
  }

  async get(id: string, locale: 'fr' | 'en'): Promise<BankTransactionView> {
    const rows = await this.dataSource.query<TransactionRow[]>(
      `SELECT id, booking_date::text, value_date::text, amount_cents, currency, direction, counterparty_name,
              counterparty_iban, remittance_info, creditor_reference, bank_reference, status,
              allocated_cents, created_at
         FROM bank_transactions WHERE id = $1`,
      [id],
    );
    if (rows.length === 0) {
      throw new ReconciliationException(
        ReconciliationErrorCode.TransactionNotFound,
        'bank transaction not found',
      );
    }
    return (await this.present(rows, locale))[0];
  }

  /** Allocates (all that is left of the line, at most the invoice's balance, unless an amount is given). */
  async allocate(
    actor: Actor,
    transactionId: string,
    request: { invoiceId?: string; refundId?: string; amountCents?: number },
  ): Promise<BankTransactionView> {
    await this.dataSource.transaction(async (manager) => {
      if (request.refundId) {
        await this.allocations.allocate(
          {
            transactionId,
            invoiceId: null,
            refundId: request.refundId,
            amountCents: 0,
            actorId: actor.userId,
          },
          manager,
        );
        return;
      }
      if (!request.invoiceId) {
        throw new ReconciliationException(
          ReconciliationErrorCode.NotAllocatable,
          'name the invoice to pay, or the refund this transfer settles',
          [{ field: 'invoiceId', message: 'or refundId is required' }],
        );
      }
      const invoiceId = request.invoiceId;
      // By default: all that is left of the line, up to the invoice's balance.
      let amountCents = request.amountCents;
      if (amountCents === undefined) {
        const [row] = await manager.query<{ left: string }[]>(
          `SELECT amount_cents - allocated_cents AS left FROM bank_transactions WHERE id = $1`,
          [transactionId],
        );
        if (!row) {
          throw new ReconciliationException(
            ReconciliationErrorCode.TransactionNotFound,
            'bank transaction not found',
          );
        }
        const [open] = await this.ledger.openInvoices({ ids: [invoiceId] }, manager);
        if (!open) {
          throw new ReconciliationException(
            ReconciliationErrorCode.InvoiceNotOpen,
            'this invoice is not awaiting payment',
            [{ field: 'invoiceId', message: 'is not an issued invoice with a balance due' }],
          );
        }
        if (Number(row.left) <= 0) {
          throw new ReconciliationException(
            ReconciliationErrorCode.NotAllocatable,
            'this transaction is fully allocated',
          );
        }
        amountCents = Math.min(Number(row.left), open.amountDueCents);
      }
      await this.allocations.allocate(
        { transactionId, invoiceId, amountCents, actorId: actor.userId },
        manager,
      );
    });
    return this.get(transactionId, 'fr');
  }

  async undo(
    actor: Actor,
    transactionId: string,
    allocationId: string,
  ): Promise<BankTransactionView> {
    await this.dataSource.transaction((manager) =>
      this.allocations.undo(transactionId, allocationId, actor.userId, manager),
    );
    return this.get(transactionId, 'fr');
  }

  async audit(transactionId: string): Promise<AuditEntryView[]> {
    await this.get(transactionId, 'fr');
    const rows = await this.dataSource.query<
      {
        at: Date;
        actor_id: string | null;
        action: string;
        allocation_id: string | null;
        invoice_id: string | null;
        amount_cents: string | null;
      }[]
    >(
      `SELECT at, actor_id, action, allocation_id, invoice_id, amount_cents
         FROM reconciliation_audit WHERE transaction_id = $1 ORDER BY at, id`,
      [transactionId],
    );
    return rows.map((row) => ({
      at: row.at.toISOString(),
      actorId: row.actor_id,
      action: row.action,
      allocationId: row.allocation_id,
      invoiceId: row.invoice_id,
      amountCents: row.amount_cents === null ? null : Number(row.amount_cents),
    }));
  }

  private async present(
    rows: TransactionRow[],
    locale: 'fr' | 'en',
  ): Promise<BankTransactionView[]> {
    const ids = rows.map((row) => row.id);
    const [suggestions, allocations] = await Promise.all([
      this.dataSource.query<
        {
          transaction_id: string;
          invoice_id: string | null;
          refund_id: string | null;
          score: string;
          reasons: MatchReason[];
        }[]
      >(
        `SELECT transaction_id, invoice_id, refund_id, score, reasons
           FROM bank_match_suggestions WHERE transaction_id = ANY($1)`,
        [ids],
      ),
      this.dataSource.query<
        {
          id: string;
          transaction_id: string;
          kind: 'invoice' | 'organisation_credit' | 'refund' | 'payout';
          invoice_id: string | null;
          refund_id: string | null;
          payout_id: string | null;
          organisation_id: string | null;
          amount_cents: string;
          automatic: boolean;
          created_at: Date;
        }[]
      >(
        `SELECT id, transaction_id, kind, invoice_id, refund_id, payout_id, organisation_id,
                amount_cents, automatic, created_at
           FROM bank_allocations
          WHERE transaction_id = ANY($1) AND undone_at IS NULL
          ORDER BY created_at, id`,
        [ids],
      ),
    ]);
    // The invoices they name, read from invoicing in one call.
    const invoices = await this.ledger.summaries(
      [...suggestions, ...allocations].flatMap((row) => (row.invoice_id ? [row.invoice_id] : [])),
    );
    const invoiceOf = (id: string | null) => (id ? invoices.get(id) : undefined);
    // Best first; between equals, the invoice due first.
    suggestions.sort(
      (a, b) =>
        Number(b.score) - Number(a.score) ||
        (invoiceOf(a.invoice_id)?.dueDate ?? '').localeCompare(
          invoiceOf(b.invoice_id)?.dueDate ?? '',
        ),
    );
    return rows.map((row) => ({
      id: row.id,
      bookingDate: row.booking_date,
      valueDate: row.value_date,
      amountCents: Number(row.amount_cents),
      currency: row.currency,
      direction: row.direction,
      payerName: row.counterparty_name,
      payerIban: row.counterparty_iban,
      remittanceInfo: row.remittance_info,
      reference: row.creditor_reference,
      bankReference: row.bank_reference,
      status: row.status,
      allocatedCents: Number(row.allocated_cents),
      suggestions: suggestions
        .filter((suggestion) => suggestion.transaction_id === row.id)
        .map((suggestion) => ({
          invoiceId: suggestion.invoice_id,
          invoiceNumber: invoiceOf(suggestion.invoice_id)?.number ?? null,
          refundId: suggestion.refund_id,
          organisationName: invoiceOf(suggestion.invoice_id)?.organisationName ?? null,
          amountDueCents: invoiceOf(suggestion.invoice_id)?.amountDueCents ?? null,
          score: Number(suggestion.score),
          reasons: suggestion.reasons.map((reason) => ({
            ...reason,
            text: describeReason(reason, locale),
          })),
        })),
      allocations: allocations
        .filter((allocation) => allocation.transaction_id === row.id)
        .map((allocation) => ({
          id: allocation.id,
          kind: allocation.kind,
          invoiceId: allocation.invoice_id,
          invoiceNumber: invoiceOf(allocation.invoice_id)?.number ?? null,
          refundId: allocation.refund_id,
          payoutId: allocation.payout_id,
          organisationId: allocation.organisation_id,
          amountCents: Number(allocation.amount_cents),
          automatic: allocation.automatic,
          createdAt: allocation.created_at.toISOString(),
        })),
    }));
  }
}
