import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintToNumber } from '@mutualis/core';
import type { MemberFamily } from '../membership.types';

/** What an organisation declared of itself, and its fee is computed from. */
@Entity('membership_profiles')
export class MembershipProfile {
  @PrimaryColumn('uuid')
  organisationId!: string;

  @Column('uuid')
  chambreId!: string;

  @Column('text')
  family!: MemberFamily;

  @Column('integer', { nullable: true })
  headcount!: number | null;

  @Column('bigint', { nullable: true, transformer: bigintToNumber })
  annualBudgetCents!: number | null;

  @Column('text', { nullable: true })
  contactName!: string | null;

  @Column('text', { nullable: true })
  contactEmail!: string | null;

  @Column('timestamptz')
  updatedAt!: Date;
}
