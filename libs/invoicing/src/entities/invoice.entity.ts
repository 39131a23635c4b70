import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintToNumber } from '@mutualis/core';
import type { PaymentMeans } from '../domain/settlement';
import type {
  BuyerSnapshot,
  InvoiceSeries,
  InvoiceStatus,
  InvoiceType,
  SellerSnapshot,
} from '../invoicing.types';

import type { VatBreakdownEntry } from '../domain/invoice-totals';

/** One entry per VAT category and rate, with the regime of its lines (BG-23). */
export type { VatBreakdownEntry };

/** An invoice (type code 380) or a credit note (381). Immutable once issued (database trigger). */
@Entity('invoices')
export class Invoice {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  chambreId!: string;

  @Column('text')
  type!: InvoiceType;

  @Column('smallint')
  typeCode!: 380 | 381;

  @Column('text')
  status!: InvoiceStatus;

  @Column('text', { nullable: true })
  series!: InvoiceSeries | null;

  @Column('smallint', { nullable: true })
  year!: number | null;

  @Column('integer', { nullable: true })
  sequence!: number | null;

  /** F-YYYY-NNNNNN or AV-YYYY-NNNNNN, given when issued. */
  @Column('text', { nullable: true })
  number!: string | null;

  @Column('uuid')
  organisationId!: string;

  @Column('uuid', { nullable: true })
  bookingId!: string | null;

  /**
   * The membership (identity's `memberships` row: one organisation, one year) a cotisation
   * invoice bills, and its credit notes too; never with a booking. One invoice per membership.
   */
  @Column('uuid', { nullable: true })
  membershipId!: string | null;

  @Column('uuid', { nullable: true })
  correctsInvoiceId!: string | null;

  /** The outbox event that caused it, so a redelivered event issues nothing twice. */
  @Column('uuid', { nullable: true })
  sourceEventId!: string | null;

  /**
   * ISO 11649 creditor reference (RF…), known from creation so it can be paid by transfer. A
   * credit note has none: nobody pays it (older ones kept theirs).
   */
  @Column('text', { nullable: true })
  paymentReference!: string | null;

  @Column('date', { nullable: true })
  issueDate!: string | null;

  /** The day of the service, or its first day (EN 16931 BT-72, or BT-73 with serviceEndDate). */
  @Column('date')
  serviceDate!: string;

  /** The last day of a service over several days (BT-74), in Paris; null for one day. */
  @Column('date', { nullable: true })
  serviceEndDate!: string | null;

  /** A credit note for a service that was cancelled, so never took place: no service date printed. */
  @Column('boolean')
  serviceCancelled!: boolean;

  @Column('date', { nullable: true })
  dueDate!: string | null;

  @Column('char', { length: 3 })
  currency!: 'EUR';

  @Column('bigint', { transformer: bigintToNumber })
  totalExclVatCents!: number;

  @Column('bigint', { transformer: bigintToNumber })
  totalVatCents!: number;

  @Column('bigint', { transformer: bigintToNumber })
  totalInclVatCents!: number;

  /**
   * How the document is settled as it was issued (BT-81): how the invoice is or was paid, how a
   * credit note's refund is paid (null when it is all set off against the invoice).
   */
  @Column('text', { nullable: true })
  paymentMeans!: PaymentMeans | null;

  /**
   * Already settled when issued (BT-113): on an invoice, the card or SEPA payment that confirmed
   * the booking; on a credit note, what is set off against the invoice it corrects.
   */
  @Column('bigint', { transformer: bigintToNumber })
  prepaidAmountCents!: number;

  /** What the document asks when issued (BT-115): total less prepaid. Null while a draft. */
  @Column('bigint', { nullable: true, transformer: bigintToNumber })
  payableAmountCents!: number | null;

  /** The day the prepaid card or SEPA payment was made, or a credit note's refund to it ordered. */
  @Column('date', { nullable: true })
  paidOn!: string | null;

  /** Running total of the payments recorded since (the document above never changes). */
  @Column('bigint', { transformer: bigintToNumber })
  amountPaidCents!: number;

  @Column('bigint', { transformer: bigintToNumber })
  amountCreditedCents!: number;

  @Column('jsonb')
  seller!: SellerSnapshot;

  @Column('jsonb')
  buyer!: BuyerSnapshot;

  @Column('jsonb')
  vatBreakdown!: VatBreakdownEntry[];

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('text', { nullable: true })
  pdfPath!: string | null;

  @Column('char', { length: 64, nullable: true })
  pdfSha256!: string | null;

  @Column('timestamptz', { nullable: true })
  issuedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
