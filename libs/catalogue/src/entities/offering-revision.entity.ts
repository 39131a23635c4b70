import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintToNumber } from '@mutualis/core';
import type { VatTreatment } from '../vat-regimes';
import type { TrainingPedagogy } from '../training-pedagogy';

export type OfferingRevisionStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

/**
 * A change to a published offering's moderated fields, proposed by its consultant (wording,
 * prices) or by the Chambre's finance or admins (the VAT regime), live only once a Chambre admin
 * approves it. Holds the whole proposed version of those fields.
 */
@Entity('offering_revisions')
export class OfferingRevision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  offeringId!: string;

  @Column('uuid')
  proposedBy!: string;

  @Column('text')
  title!: string;

  @Column('text')
  summary!: string;

  @Column('text')
  description!: string;

  /** Excluding VAT. */
  @Column('bigint', { transformer: bigintToNumber })
  memberPriceCents!: number;

  /** Excluding VAT. */
  @Column('bigint', { transformer: bigintToNumber })
  nonMemberPriceCents!: number;

  /**
   * The VAT regime proposed with them (the Chambre's: consultants cannot change it). Null only on
   * revisions reviewed before VAT regimes were moderated.
   */
  @Column('text', { nullable: true })
  vatTreatment!: VatTreatment | null;

  /** The training's pedagogical content proposed; null on revisions made before it existed. */
  @Column('jsonb', { nullable: true })
  pedagogy!: TrainingPedagogy | null;

  @Column('text')
  status!: OfferingRevisionStatus;

  @Column('uuid', { nullable: true })
  reviewedBy!: string | null;

  @Column('timestamptz', { nullable: true })
  reviewedAt!: Date | null;

  @Column('text', { nullable: true })
  rejectionReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
