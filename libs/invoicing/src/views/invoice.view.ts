import { parisDate } from '@mutualis/core';
import type { VatRegimeCode } from '@mutualis/catalogue';
import { amountDueCents } from '../domain/amount-due';
import { InvoiceLine } from '../entities/invoice-line.entity';
import { Invoice, VatBreakdownEntry } from '../entities/invoice.entity';
import type { BuyerSnapshot, InvoiceStatus, InvoiceType, SellerSnapshot } from '../invoicing.types';

export interface InvoiceLineView {
  description: string;
  quantity: number;
  unitPriceExclVatCents: number;
  vatCategory: 'S' | 'E' | 'O';
  vatRateBasisPoints: number;
  exemptionReason: string | null;
  /** The VAT regime the line was sold under (the closed list of the catalogue's vat-regimes). */
  vatRegime: VatRegimeCode;
  /** BT-121 for E and O lines. */
  vatexCode: string | null;
  lineTotalExclVatCents: number;
}

export interface InvoiceView {
  id: string;
  number: string | null;
  type: InvoiceType;
  typeCode: 380 | 381;
  organisationId: string;
  bookingId: string | null;
  /** The membership a cotisation invoice (or its credit note) bills. */
  membershipId: string | null;
  correctsInvoiceId: string | null;
  status: InvoiceStatus;
  /** Past its due date and not settled. */
  overdue: boolean;
  issueDate: string | null;
  serviceDate: string;
  dueDate: string | null;
  currency: 'EUR';
  totalExclVatCents: number;
  totalVatCents: number;
  totalInclVatCents: number;
  amountPaidCents: number;
  amountCreditedCents: number;
  amountDueCents: number;
  /** Null on a credit note: nobody pays it. */
  paymentReference: string | null;
  vatBreakdown: VatBreakdownEntry[];
  lines: InvoiceLineView[];
  /** The logo's storage key stays inside: it is printed on the PDF. */
  seller: Omit<SellerSnapshot, 'logoKey'>;
  buyer: BuyerSnapshot;
  reason: string | null;
  pdfAvailable: boolean;
}

export function presentInvoice(invoice: Invoice, lines: InvoiceLine[], now: Date): InvoiceView {
  const due =
    invoice.type === 'invoice' && invoice.status !== 'draft' && invoice.status !== 'cancelled'
      ? amountDueCents(invoice)
      : 0;
  return {
    id: invoice.id,
    number: invoice.number,
    type: invoice.type,
    typeCode: invoice.typeCode,
    organisationId: invoice.organisationId,
    bookingId: invoice.bookingId,
    membershipId: invoice.membershipId,
    correctsInvoiceId: invoice.correctsInvoiceId,
    status: invoice.status,
    overdue: due > 0 && invoice.dueDate !== null && invoice.dueDate < parisDate(now),
    issueDate: invoice.issueDate,
    serviceDate: invoice.serviceDate,
    dueDate: invoice.dueDate,
    currency: 'EUR',
    totalExclVatCents: invoice.totalExclVatCents,
    totalVatCents: invoice.totalVatCents,
    totalInclVatCents: invoice.totalInclVatCents,
    amountPaidCents: invoice.amountPaidCents,
    amountCreditedCents: invoice.amountCreditedCents,
    amountDueCents: due,
    paymentReference: invoice.paymentReference,
    vatBreakdown: invoice.vatBreakdown,
    lines: lines
      .filter((line) => line.invoiceId === invoice.id)
      .map(
        ({
          description,
          quantity,
          unitPriceExclVatCents,
          vatCategory,
          vatRateBasisPoints,
          exemptionReason,
          vatRegime,
          vatexCode,
          lineTotalExclVatCents,
        }) => ({
          description,
          quantity,
          unitPriceExclVatCents,
          vatCategory,
          vatRateBasisPoints,
          exemptionReason,
          vatRegime,
          vatexCode,
          lineTotalExclVatCents,
        }),
      ),
    seller: withoutLogoKey(invoice.seller),
    buyer: invoice.buyer,
    reason: invoice.reason,
    pdfAvailable: invoice.pdfSha256 !== null,
  };
}

function withoutLogoKey({ logoKey: _logoKey, ...seller }: SellerSnapshot) {
  return seller;
}
