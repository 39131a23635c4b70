import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { centsFromRow } from '@mutualis/core';

/** An invoice that still expects money, as reconciliation and receivables see it. */
export interface OpenInvoice {
  invoiceId: string;
  number: string;
  organisationId: string;
  organisationName: string;
  totalInclVatCents: number;
  amountDueCents: number;
  issueDate: string;
  dueDate: string;
  paymentReference: string;
}

/** What a list shows of an invoice it refers to (a suggestion, an allocation). */
export interface InvoiceSummary {
  invoiceId: string;
  number: string | null;
  organisationName: string;
  amountDueCents: number;
  dueDate: string | null;
}

/** A numbered document or a payment, for statements of account and the accounting export. */
export interface LedgerDocument {
  invoiceId: string;
  type: 'invoice' | 'credit_note';
  number: string;
  organisationId: string;
  organisationName: string;
  issueDate: string;
  dueDate: string | null;
  totalExclVatCents: number;
  totalVatCents: number;
  totalInclVatCents: number;
  status: string;
}

export interface LedgerPayment {
  paymentId: string;
  invoiceId: string;
  invoiceNumber: string;
  organisationId: string;
  organisationName: string;
  /** Paris calendar date the money was recorded. */
  receivedOn: string;
  amountCents: number;
  method: string;
  source: string;
}

/** An issued invoice or credit note as the books post it. */
export interface PostingDocument {
  invoiceId: string;
  type: 'invoice' | 'credit_note';
  number: string;
  organisationId: string;
  buyerName: string;
  issueDate: string;
  /** For a credit note, the invoice it corrects. */
  correctsInvoiceId: string | null;
  /** The membership a cotisation invoice, or its credit note, bills: its revenue is cotisations'. */
  membershipId: string | null;
  totalInclVatCents: number;
  vatBreakdown: {
    vatCategory: 'S' | 'E' | 'O';
    vatRateBasisPoints: number;
    taxableAmountCents: number;
    vatAmountCents: number;
    exemptionReason: string | null;
    /** The VAT regime of the group's lines; null on documents issued before regimes were named. */
    vatRegime: string | null;
  }[];
  /** The Chambre had opted to pay VAT on its debits when it issued the document (its seller snapshot). */
  vatOnDebits: boolean;
}

/** A payment recorded against an invoice, reversed or not, as the books post it. */
export interface PostingPayment {
  paymentId: string;
  invoiceId: string;
  invoiceNumber: string;
  organisationId: string;
  amountCents: number;
  method: string;
  /** What recorded it: a payment event, `bank-allocation:<id>`. */
  source: string;
  /** The payer-side record it came through (a Stripe payment of the payments context). */
  reference: string | null;
  receivedAt: Date;
  reversedAt: Date | null;
}

/** An invoice or credit note of a year whose service comes after the year's end. */
export interface FutureServiceDocument {
  invoiceId: string;
  type: 'invoice' | 'credit_note';
  number: string;
  serviceDate: string;
  membershipId: string | null;
  vatBreakdown: PostingDocument['vatBreakdown'];
}

type OpenRow = {
  id: string;
  number: string;
  organisation_id: string;
  organisation_name: string;
  total_incl_vat_cents: string;
  amount_due_cents: string;
  issue_date: string;
  due_date: string;
  payment_reference: string;
};

/** The SQL behind InvoiceLedgerService: invoicing's books as reports read them. */
@Injectable()
export class InvoiceLedgerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every issued invoice with money still due, oldest due first. */
  async openInvoices(
    options: { organisationId?: string; ids?: string[] } = {},
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OpenInvoice[]> {
    // Each filter is added only when given, so the statement says exactly what it reads.
    const filters: string[] = [];
    const parameters: unknown[] = [];
    if (options.organisationId) {
      parameters.push(options.organisationId);
      filters.push(`AND organisation_id = $${parameters.length}`);
    }
    if (options.ids) {
      parameters.push(options.ids);
      filters.push(`AND id = ANY($${parameters.length}::uuid[])`);
    }
    const rows = await manager.query<OpenRow[]>(
      `SELECT id, number, organisation_id, buyer ->> 'name' AS organisation_name,
              total_incl_vat_cents,
              total_incl_vat_cents - amount_paid_cents - amount_credited_cents AS amount_due_cents,
              issue_date::text, due_date::text, payment_reference
         FROM invoices
        WHERE type = 'invoice' AND status IN ('issued', 'partially_paid')
          AND total_incl_vat_cents - amount_paid_cents - amount_credited_cents > 0
          ${filters.join(' ')}
        ORDER BY due_date, number`,
      parameters,
    );
    return rows.map((row) => ({
      invoiceId: row.id,
      number: row.number,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      totalInclVatCents: centsFromRow(row.total_incl_vat_cents),
      amountDueCents: centsFromRow(row.amount_due_cents),
      issueDate: row.issue_date,
      dueDate: row.due_date,
      paymentReference: row.payment_reference,
    }));
  }

  /** Invoices by id, whatever their status, for lists that name them. */
  async summaries(ids: string[]): Promise<Map<string, InvoiceSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.query<
      {
        id: string;
        number: string | null;
        organisation_name: string;
        amount_due_cents: string;
        due_date: string | null;
      }[]
    >(
      `SELECT id, number, buyer ->> 'name' AS organisation_name,
              total_incl_vat_cents - amount_paid_cents - amount_credited_cents AS amount_due_cents,
              due_date::text
         FROM invoices WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        {
          invoiceId: row.id,
          number: row.number,
          organisationName: row.organisation_name,
          amountDueCents: centsFromRow(row.amount_due_cents),
          dueDate: row.due_date,
        },
      ]),
    );
  }

  /** Numbered invoices and credit notes, of an organisation or issued within [from, to]. */
  async documents(filter: {
    organisationId?: string;
    from?: string;
    to?: string;
  }): Promise<LedgerDocument[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        type: 'invoice' | 'credit_note';
        number: string;
        organisation_id: string;
        organisation_name: string;
        issue_date: string;
        due_date: string | null;
        total_excl_vat_cents: string;
        total_vat_cents: string;
        total_incl_vat_cents: string;
        status: string;
      }[]
    >(
      `SELECT id, type, number, organisation_id, buyer ->> 'name' AS organisation_name,
              issue_date::text, due_date::text, total_excl_vat_cents, total_vat_cents,
              total_incl_vat_cents, status
         FROM invoices
        WHERE number IS NOT NULL
          AND ($1::uuid IS NULL OR organisation_id = $1)
          AND ($2::date IS NULL OR issue_date >= $2)
          AND ($3::date IS NULL OR issue_date <= $3)
        ORDER BY issue_date, series, sequence`,
      [filter.organisationId ?? null, filter.from ?? null, filter.to ?? null],
    );
    return rows.map((row) => ({
      invoiceId: row.id,
      type: row.type,
      number: row.number,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      issueDate: row.issue_date,
      dueDate: row.due_date,
      totalExclVatCents: centsFromRow(row.total_excl_vat_cents),
      totalVatCents: centsFromRow(row.total_vat_cents),
      totalInclVatCents: centsFromRow(row.total_incl_vat_cents),
      status: row.status,
    }));
  }

  /** Payments recorded and not reversed, of an organisation or received within [from, to]. */
  async payments(filter: {
    organisationId?: string;
    from?: string;
    to?: string;
  }): Promise<LedgerPayment[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        invoice_id: string;
        number: string;
        organisation_id: string;
        organisation_name: string;
        received_on: string;
        amount_cents: string;
        method: string;
        source: string;
      }[]
    >(
      `SELECT p.id, p.invoice_id, i.number, i.organisation_id, i.buyer ->> 'name' AS organisation_name,
              (p.received_at AT TIME ZONE 'Europe/Paris')::date::text AS received_on,
              p.amount_cents, p.method, p.source
         FROM invoice_payments p JOIN invoices i ON i.id = p.invoice_id
        WHERE p.reversed_at IS NULL
          AND ($1::uuid IS NULL OR i.organisation_id = $1)
          AND ($2::date IS NULL OR p.received_at >= ($2::date::timestamp AT TIME ZONE 'Europe/Paris'))
          AND ($3::date IS NULL OR p.received_at < (($3::date + 1)::timestamp AT TIME ZONE 'Europe/Paris'))
        ORDER BY p.received_at, p.id`,
      [filter.organisationId ?? null, filter.from ?? null, filter.to ?? null],
    );
    return rows.map((row) => ({
      paymentId: row.id,
      invoiceId: row.invoice_id,
      invoiceNumber: row.number,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      receivedOn: row.received_on,
      amountCents: centsFromRow(row.amount_cents),
      method: row.method,
      source: row.source,
    }));
  }

  /** An issued invoice or credit note, or null while it is a draft (or unknown). */
  async postingDocument(invoiceId: string): Promise<PostingDocument | null> {
    const [row] = await this.dataSource.query<
      {
        id: string;
        type: 'invoice' | 'credit_note';
        number: string;
        organisation_id: string;
        buyer_name: string;
        issue_date: string;
        corrects_invoice_id: string | null;
        membership_id: string | null;
        total_incl_vat_cents: string;
        vat_breakdown: (Omit<PostingDocument['vatBreakdown'][number], 'vatRegime'> & {
          vatRegime?: string;
        })[];
        vat_on_debits: boolean;
      }[]
    >(
      `SELECT id, type, number, organisation_id, buyer ->> 'name' AS buyer_name, issue_date::text,
              corrects_invoice_id, membership_id, total_incl_vat_cents, vat_breakdown,
              coalesce((seller ->> 'vatOnDebits')::boolean, false) AS vat_on_debits
         FROM invoices WHERE id = $1 AND number IS NOT NULL`,
      [invoiceId],
    );
    if (!row) return null;
    return {
      invoiceId: row.id,
      type: row.type,
      number: row.number,
      organisationId: row.organisation_id,
      buyerName: row.buyer_name,
      issueDate: row.issue_date,
      correctsInvoiceId: row.corrects_invoice_id,
      membershipId: row.membership_id,
      totalInclVatCents: centsFromRow(row.total_incl_vat_cents),
      vatBreakdown: row.vat_breakdown.map((group) => ({
        vatCategory: group.vatCategory,
        vatRateBasisPoints: group.vatRateBasisPoints,
        taxableAmountCents: centsFromRow(group.taxableAmountCents),
        vatAmountCents: centsFromRow(group.vatAmountCents),
        exemptionReason: group.exemptionReason,
        vatRegime: group.vatRegime ?? null,
      })),
      vatOnDebits: row.vat_on_debits,
    };
  }

  /** A payment recorded against an invoice, reversed or not. */
  async postingPayment(paymentId: string): Promise<PostingPayment | null> {
    const [row] = await this.dataSource.query<
      {
        id: string;
        invoice_id: string;
        number: string;
        organisation_id: string;
        amount_cents: string;
        method: string;
        source: string;
        reference: string | null;
        received_at: Date;
        reversed_at: Date | null;
      }[]
    >(
      `SELECT p.id, p.invoice_id, i.number, i.organisation_id, p.amount_cents, p.method, p.source,
              p.reference, p.received_at, p.reversed_at
         FROM invoice_payments p JOIN invoices i ON i.id = p.invoice_id
        WHERE p.id = $1`,
      [paymentId],
    );
    if (!row) return null;
    return {
      paymentId: row.id,
      invoiceId: row.invoice_id,
      invoiceNumber: row.number,
      organisationId: row.organisation_id,
      amountCents: centsFromRow(row.amount_cents),
      method: row.method,
      source: row.source,
      reference: row.reference,
      receivedAt: row.received_at,
      reversedAt: row.reversed_at,
    };
  }

  /** The issued invoice of a booking (not its credit notes), if any. */
  async invoiceOfBooking(bookingId: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM invoices WHERE booking_id = $1 AND type = 'invoice' AND number IS NOT NULL`,
      [bookingId],
    );
    return row?.id ?? null;
  }

  /**
   * The invoices and credit notes issued within [from, to] whose service date is after `to`:
   * sales of a fiscal year for services performed in the next (deferred income at closing).
   */
  async issuedForLaterService(from: string, to: string): Promise<FutureServiceDocument[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        type: 'invoice' | 'credit_note';
        number: string;
        service_date: string;
        membership_id: string | null;
        vat_breakdown: (Omit<PostingDocument['vatBreakdown'][number], 'vatRegime'> & {
          vatRegime?: string;
        })[];
      }[]
    >(
      `SELECT id, type, number, service_date::text, membership_id, vat_breakdown
         FROM invoices
        WHERE number IS NOT NULL AND issue_date BETWEEN $1 AND $2 AND service_date > $2
        ORDER BY issue_date, series, sequence`,
      [from, to],
    );
    return rows.map((row) => ({
      invoiceId: row.id,
      type: row.type,
      number: row.number,
      serviceDate: row.service_date,
      membershipId: row.membership_id,
      vatBreakdown: row.vat_breakdown.map((group) => ({
        vatCategory: group.vatCategory,
        vatRateBasisPoints: group.vatRateBasisPoints,
        taxableAmountCents: centsFromRow(group.taxableAmountCents),
        vatAmountCents: centsFromRow(group.vatAmountCents),
        exemptionReason: group.exemptionReason,
        vatRegime: group.vatRegime ?? null,
      })),
    }));
  }
}
