export const INVOICE_TYPES = ['invoice', 'credit_note'] as const;
export type InvoiceType = (typeof INVOICE_TYPES)[number];

export const INVOICE_STATUSES = ['draft', 'issued', 'partially_paid', 'paid', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Numbering series: F for invoices, AV (avoir) for credit notes. */
export type InvoiceSeries = 'F' | 'AV';

/** A postal address as EN 16931 structures it (BG-5, BG-8): the e-invoice needs its parts. */
export interface PostalAddress {
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
}

/**
 * What a public buyer's invoice goes to Chorus Pro with (code de la commande publique L2192-1):
 * the structure it is addressed to, and the references the structure asks for.
 */
export interface PublicProcurementReferences {
  /** SIRET of the Chorus Pro structure the invoice is deposited to. */
  structureSiret: string;
  /** Code service exécutant (EN 16931 BT-10, buyer reference), when the structure asks for one. */
  serviceCode: string | null;
  /** Numéro d'engagement juridique (BT-13, purchase order reference), when it asks for one. */
  engagementNumber: string | null;
}

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
  /** Structured address; absent on invoices issued before e-invoicing (addressLines only). */
  address?: PostalAddress;
}

/** The buyer as printed on an invoice, snapshotted when it is issued. */
export interface BuyerSnapshot {
  name: string;
  addressLines: string[];
  /** Null for an association known by its RNA number only (never for a public body). */
  siret: string | null;
  /** An association's RNA number; absent on invoices issued before it was kept. */
  rna?: string | null;
  vatNumber: string | null;
  billingEmail: string;
  /**
   * A public body (State, local authority, public establishment): public-procurement payment
   * terms instead of the commercial ones. Absent on invoices issued before it was kept.
   */
  publicBody?: boolean;
  /** Structured address; absent on invoices issued before e-invoicing (addressLines only). */
  address?: PostalAddress;
  /**
   * Liable to VAT (assujetti): from 2027-09 its invoices go through an approved platform (PA);
   * the others' transactions are e-reported. Absent on invoices issued before it was kept.
   */
  vatRegistered?: boolean;
  /** A public buyer's Chorus Pro structure and references; absent for the others. */
  publicProcurement?: PublicProcurementReferences | null;
}
