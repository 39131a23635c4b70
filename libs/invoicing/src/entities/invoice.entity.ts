import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintToNumber } from '@mutualis/core';
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

  @Column('uuid', { nullable: true })
  correctsInvoiceId!: string | null;

  /** The outbox event that caused it, so a redelivered event issues nothing twice. */
  @Column('uuid', { nullable: true })
  sourceEventId!: string | null;

  /** ISO 11649 creditor reference (RF…), known from creation so it can be paid by transfer. */
  @Column('text')
  paymentReference!: string;

  @Column('date', { nullable: true })
  issueDate!: string | null;

  @Column('date')
  serviceDate!: string;

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
