import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintToNumber } from '@mutualis/core';

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

  @Column('bigint', { transformer: bigintToNumber })
  lineTotalExclVatCents!: number;
}
