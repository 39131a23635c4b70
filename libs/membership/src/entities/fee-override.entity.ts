import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintToNumber } from '@mutualis/core';

/** An admin's fee for one organisation and year, which wins over the grid. */
@Entity('membership_fee_overrides')
export class FeeOverride {
  @PrimaryColumn('uuid')
  organisationId!: string;

  @PrimaryColumn('smallint')
  year!: number;

  @Column('bigint', { transformer: bigintToNumber })
  amountCents!: number;

  @Column('text')
  reason!: string;

  @Column('uuid')
  setBy!: string;

  @Column('timestamptz')
  setAt!: Date;
}
