import { randomUUID } from 'node:crypto';
import type { EntryDraft, EntryLineDraft } from '@mutualis/accounting';

/**
 * Drafts as posting rules make them, for specs of the journal and of its exports: a sale at
 * 20 % (VAT pending until paid) and the payment that settles it, lettered by the invoice's id.
 */
export function saleDraft(options: {
  organisationId: string;
  date: string;
  exclVatCents: number;
  /** The invoice's id: the lettering key of its payments. Random by default. */
  invoiceId?: string;
  number?: string;
}): EntryDraft & { invoiceId: string } {
  const invoiceId = options.invoiceId ?? randomUUID();
  const vat = Math.round((options.exclVatCents * 20) / 100);
  const number = options.number ?? `F-${options.date.slice(0, 4)}-${invoiceId.slice(0, 6)}`;
  const label = `Facture ${number}`;
  return {
    invoiceId,
    journal: 'VT',
    sourceKey: `invoice:${invoiceId}`,
    date: options.date,
    pieceRef: number,
    pieceDate: options.date,
    lines: (
      [
        {
          account: { role: 'customers' },
          organisationId: options.organisationId,
          label,
          debitCents: options.exclVatCents + vat,
          creditCents: 0,
          letteringKey: invoiceId,
        },
        {
          account: { role: 'revenue_taxable' },
          label,
          debitCents: 0,
          creditCents: options.exclVatCents,
        },
        {
          account: { role: 'vat_pending', vatRateBasisPoints: 2000 },
          label,
          debitCents: 0,
          creditCents: vat,
        },
      ] satisfies EntryLineDraft[]
    ).filter((line) => line.creditCents > 0 || line.debitCents > 0 || options.exclVatCents === 0),
  };
}

/** A bank receipt of `cents` for an invoice, from its organisation. */
export function paymentDraft(options: {
  organisationId: string;
  invoiceId: string;
  date: string;
  cents: number;
  paymentId?: string;
}): EntryDraft {
  const paymentId = options.paymentId ?? randomUUID();
  return {
    journal: 'BQ',
    sourceKey: `payment:${paymentId}`,
    date: options.date,
    pieceRef: `VIR-${paymentId.slice(0, 8)}`,
    pieceDate: options.date,
    lines: [
      {
        account: { role: 'bank' },
        label: 'Virement reçu',
        debitCents: options.cents,
        creditCents: 0,
      },
      {
        account: { role: 'customers' },
        organisationId: options.organisationId,
        label: 'Virement reçu',
        debitCents: 0,
        creditCents: options.cents,
        letteringKey: options.invoiceId,
      },
    ],
  };
}

/** The reversal of a payment: the same lines, sides swapped. */
export function reversalDraft(payment: EntryDraft, date: string): EntryDraft {
  return {
    ...payment,
    sourceKey: `payment-reversal:${payment.sourceKey}`,
    date,
    pieceDate: date,
    lines: payment.lines.map((line) => ({
      ...line,
      label: `Annulation ${line.label}`,
      debitCents: line.creditCents,
      creditCents: line.debitCents,
    })),
  };
}

/**
 * The sales entry of an issued invoice or credit note as the specs read it from the database,
 * standing in for the posting rules in specs written before they existed (VAT at 20 %, pending).
 */
export function documentSaleDraft(document: {
  id: string;
  type: 'invoice' | 'credit_note';
  number: string;
  organisationId: string;
  issueDate: string;
  exclVatCents: number;
  vatCents: number;
  /** The invoice a credit note corrects: its lettering key. */
  correctsInvoiceId?: string | null;
}): EntryDraft {
  const invoice = document.type === 'invoice';
  const label = `${invoice ? 'Facture' : 'Avoir'} ${document.number}`;
  const side = (cents: number, debit: boolean) =>
    debit === invoice
      ? { debitCents: cents, creditCents: 0 }
      : { debitCents: 0, creditCents: cents };
  const total = document.exclVatCents + document.vatCents;
  const lines: EntryLineDraft[] = [
    {
      account: { role: 'customers' },
      organisationId: document.organisationId,
      label,
      ...side(total, true),
      letteringKey: document.correctsInvoiceId ?? document.id,
    },
  ];
  if (document.exclVatCents > 0 || total === 0) {
    lines.push({
      account: { role: 'revenue_taxable' },
      label,
      ...side(document.exclVatCents, false),
    });
  }
  if (document.vatCents > 0 || total === 0) {
    lines.push({
      account: { role: 'vat_pending', vatRateBasisPoints: 2000 },
      label,
      ...side(document.vatCents, false),
    });
  }
  return {
    journal: 'VT',
    sourceKey: `${document.type}:${document.id}`,
    date: document.issueDate,
    pieceRef: document.number,
    pieceDate: document.issueDate,
    lines,
  };
}
