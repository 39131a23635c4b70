import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintToNumber } from '@mutualis/core';
import type { BookedVatTreatment, CancellationPolicy } from '@mutualis/catalogue';
import type { BookingStatus, ConfirmationMethod } from '../booking.types';

@Entity('bookings')
export class Booking {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  organisationId!: string;

  @Column('uuid')
  bookedBy!: string;

  @Column('uuid')
  offeringId!: string;

  @Column('uuid', { nullable: true })
  sessionId!: string | null;

  @Column('uuid', { nullable: true })
  slotId!: string | null;

  @Column('integer')
  seats!: number;

  @Column('text')
  status!: BookingStatus;

  /** Snapshotted when booked: later catalogue edits never change it. */
  @Column('bigint', { transformer: bigintToNumber })
  unitPriceCents!: number;

  @Column('boolean')
  memberPrice!: boolean;

  @Column('text')
  vatTreatment!: BookedVatTreatment;

  @Column('integer')
  vatRateBasisPoints!: number;

  @Column('bigint', { transformer: bigintToNumber })
  totalExclVatCents!: number;

  @Column('bigint', { transformer: bigintToNumber })
  totalVatCents!: number;

  @Column('bigint', { transformer: bigintToNumber })
  totalInclVatCents!: number;

  @Column('jsonb')
  cancellationPolicy!: CancellationPolicy;

  @Column('timestamptz')
  serviceStartsAt!: Date;

  @Column('timestamptz', { nullable: true })
  holdExpiresAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  offerExpiresAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  waitlistedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  confirmedAt!: Date | null;

  @Column('uuid', { nullable: true })
  confirmedBy!: string | null;

  @Column('text', { nullable: true })
  confirmationMethod!: ConfirmationMethod | null;

  /** What the card or SEPA payment that confirmed the booking paid; null otherwise. */
  @Column('bigint', { nullable: true, transformer: bigintToNumber })
  confirmationPaidCents!: number | null;

  /** A public buyer's numéro d'engagement juridique, for its invoice (BT-13). */
  @Column('text', { nullable: true })
  engagementNumber!: string | null;

  /** A public buyer's code service exécutant, for its invoice (BT-10). */
  @Column('text', { nullable: true })
  serviceCode!: string | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt!: Date | null;

  @Column('uuid', { nullable: true })
  cancelledBy!: string | null;

  @Column('text', { nullable: true })
  cancellationReason!: string | null;

  @Column('integer', { nullable: true })
  refundPercent!: number | null;

  @Column('bigint', { nullable: true, transformer: bigintToNumber })
  refundCents!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
