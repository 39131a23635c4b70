import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintToNumber } from '@mutualis/core';
import type { VatRegimeCode } from '@mutualis/catalogue';

@Entity('invoice_lines')
export class InvoiceLine {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  invoiceId!: string;

  @Column('smallint')
  position!: number;

  @Column('text')
  description!: string;

  @Column('integer')
  quantity!: number;

  @Column('bigint', { transformer: bigintToNumber })
  unitPriceExclVatCents!: number;

  @Column('char', { length: 1 })
  vatCategory!: 'S' | 'E' | 'O';

  @Column('integer')
  vatRateBasisPoints!: number;

  @Column('text', { nullable: true })
  exemptionReason!: string | null;

  /**
   * The VAT regime the line was sold under (libs/catalogue/src/vat-regimes.ts): what the
   * accounting splits revenue by. Its category, rate and VATEX code follow from it (CHECKs).
   */
  @Column('text')
  vatRegime!: VatRegimeCode;

  /** BT-121 (CEF VATEX list) for E and O lines; null for S. */
  @Column('text', { nullable: true })
  vatexCode!: string | null;

  @Column('bigint', { transformer: bigintToNumber })
  lineTotalExclVatCents!: number;
}
