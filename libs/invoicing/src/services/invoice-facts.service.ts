import { Injectable } from '@nestjs/common';
import type { InvoiceStatus, InvoiceType, PublicProcurementReferences } from '../invoicing.types';
import { channelFor } from '../transmission/transmission-channel';
import type { TransmissionChannel } from '../transmission/transmission.types';
import { amountDueCents } from '../domain/amount-due';
import { Invoice } from '../entities/invoice.entity';
import { InvoiceRepository } from '../repositories/invoice.repository';

/** What the notifications context writes about an invoice or a credit note (mail, dunning letters). */
export interface InvoiceFacts {
  invoiceId: string;
  type: InvoiceType;
  status: InvoiceStatus;
  /** Null while a draft. */
  number: string | null;
  organisationId: string;
  bookingId: string | null;
  /** The membership a cotisation invoice (or its credit note) bills. */
  membershipId: string | null;
  /** For a credit note: the invoice it corrects. */
  correctsInvoiceId: string | null;
  issueDate: string | null;
  dueDate: string | null;
  /** Null on a credit note: nobody pays it. */
  paymentReference: string | null;
  totalInclVatCents: number;
  amountPaidCents: number;
  amountCreditedCents: number;
  /** What is still owed: the total less payments and credit notes, never below zero. */
  amountDueCents: number;
  issuedAt: Date | null;
  /** How it reaches the buyer: a Chorus Pro invoice is not e-mailed as the legal document. */
  channel: TransmissionChannel;
  /** A public buyer's Chorus Pro structure and references, as snapshotted. */
  publicProcurement: PublicProcurementReferences | null;
}

/**
 * The read service other contexts use instead of invoicing's entity and repository (the
 * notifications planner and its dunning schedule read invoices by id).
 */
@Injectable()
export class InvoiceFactsService {
  constructor(private readonly invoices: InvoiceRepository) {}

  async byId(invoiceId: string): Promise<InvoiceFacts | null> {
    const invoice = await this.invoices.findById(invoiceId);
    return invoice ? invoiceFacts(invoice) : null;
  }

  /** The invoice of each membership that has one, keyed by membership id (membership years). */
  async forMemberships(membershipIds: string[]): Promise<Map<string, InvoiceFacts>> {
    const invoices = await this.invoices.findForMemberships(membershipIds);
    return new Map(invoices.map((invoice) => [invoice.membershipId!, invoiceFacts(invoice)]));
  }
}

export function invoiceFacts(invoice: Invoice): InvoiceFacts {
  return {
    invoiceId: invoice.id,
    type: invoice.type,
    status: invoice.status,
    number: invoice.number,
    organisationId: invoice.organisationId,
    bookingId: invoice.bookingId,
    membershipId: invoice.membershipId,
    correctsInvoiceId: invoice.correctsInvoiceId,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    paymentReference: invoice.paymentReference,
    totalInclVatCents: invoice.totalInclVatCents,
    amountPaidCents: invoice.amountPaidCents,
    amountCreditedCents: invoice.amountCreditedCents,
    amountDueCents: amountDueCents(invoice),
    issuedAt: invoice.issuedAt,
    channel: channelFor(invoice.buyer),
    publicProcurement: invoice.buyer.publicProcurement ?? null,
  };
}
