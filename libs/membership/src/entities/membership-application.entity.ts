import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintToNumber } from '@mutualis/core';
import type { ApplicationKind, ApplicationStatus, MemberFamily } from '../membership.types';

/** An organisation's request to join (or renew) for a year, and the Chambre's decision. */
@Entity('membership_applications')
export class MembershipApplication {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  chambreId!: string;

  @Column('uuid')
  organisationId!: string;

  @Column('smallint')
  year!: number;

  @Column('text')
  kind!: ApplicationKind;

  @Column('text')
  family!: MemberFamily;

  @Column('integer', { nullable: true })
  headcount!: number | null;

  @Column('bigint', { nullable: true, transformer: bigintToNumber })
  annualBudgetCents!: number | null;

  @Column('text')
  contactName!: string;

  @Column('text')
  contactEmail!: string;

  @Column('uuid')
  charterId!: string;

  @Column('timestamptz')
  charterAcceptedAt!: Date;

  @Column('uuid')
  submittedBy!: string;

  @Column('text')
  status!: ApplicationStatus;

  @Column('uuid', { nullable: true })
  decidedBy!: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;

  @Column('text', { nullable: true })
  refusalReason!: string | null;

  @Column('bigint', { nullable: true, transformer: bigintToNumber })
  feeCents!: number | null;

  @Column('uuid', { nullable: true })
  invoiceId!: string | null;

  @Column('timestamptz')
  createdAt!: Date;
}
