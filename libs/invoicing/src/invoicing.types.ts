export const INVOICE_TYPES = ['invoice', 'credit_note'] as const;
export type InvoiceType = (typeof INVOICE_TYPES)[number];

export const INVOICE_STATUSES = ['draft', 'issued', 'partially_paid', 'paid', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Numbering series: F for invoices, AV (avoir) for credit notes. */
export type InvoiceSeries = 'F' | 'AV';

/** The seller as printed on an invoice, snapshotted when it is issued. */
export interface SellerSnapshot {
  name: string;
  addressLines: string[];
  siret: string;
  vatNumber: string | null;
  vatRegime: 'standard' | 'franchise';
  /**
   * The Chambre had opted to pay VAT on its debits (CGI art. 269, 2, c): the invoice says so.
   * Absent on invoices issued before the option was recorded (none had opted).
   */
  vatOnDebits?: boolean;
  /** The NDA, on a training's invoice only (null on others). */
  trainingDeclarationNumber: string | null;
  iban: string;
  bic: string;
  email: string | null;
  phone: string | null;
  latePaymentRate: string;
  paymentTermsDays: number;
  /** Storage key of the logo printed on the invoice; absent on invoices issued before logos. */
  logoKey?: string | null;
}

/** The buyer as printed on an invoice, snapshotted when it is issued. */
export interface BuyerSnapshot {
  name: string;
  addressLines: string[];
  siret: string;
  vatNumber: string | null;
  billingEmail: string;
  /**
   * A public body (State, local authority, public establishment): public-procurement payment
   * terms instead of the commercial ones. Absent on invoices issued before it was kept.
   */
  publicBody?: boolean;
}
