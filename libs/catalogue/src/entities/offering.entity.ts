import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintToNumber } from '@mutualis/core';
import type {
  CancellationPolicy,
  DeliveryMode,
  OfferingKind,
  OfferingStatus,
  VatTreatment,
} from '../catalogue.types';
import type { TrainingPedagogy } from '../training-pedagogy';

@Entity('offerings')
export class Offering {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The user (with the consultant role) who delivers it. */
  @Column('uuid')
  consultantId!: string;

  @Column('uuid')
  categoryId!: string;

  @Column('text')
  title!: string;

  @Column('text')
  summary!: string;

  /** Markdown as the consultant wrote it; rendered to safe HTML when read. */
  @Column('text')
  description!: string;

  @Column('text')
  kind!: OfferingKind;

  @Column('text')
  deliveryMode!: DeliveryMode;

  @Column('text', { array: true })
  departments!: string[];

  @Column('integer')
  durationMinutes!: number;

  /** Excluding VAT. */
  @Column('bigint', { transformer: bigintToNumber })
  memberPriceCents!: number;

  /** Excluding VAT. */
  @Column('bigint', { transformer: bigintToNumber })
  nonMemberPriceCents!: number;

  @Column('text')
  vatTreatment!: VatTreatment;

  @Column('jsonb')
  cancellationPolicy!: CancellationPolicy;

  @Column('integer', { nullable: true })
  maxSeatsPerOrganisation!: number | null;

  /** A training's R6353-1 content (see training-pedagogy.ts); null until written. */
  @Column('jsonb', { nullable: true })
  pedagogy!: TrainingPedagogy | null;

  @Column('text')
  status!: OfferingStatus;

  @Column('text', { nullable: true })
  rejectionReason!: string | null;

  @Column('timestamptz', { nullable: true })
  submittedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
