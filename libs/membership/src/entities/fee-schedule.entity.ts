import { Column, Entity, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { bigintToNumber } from '@mutualis/core';
import type { CotisationVatTreatment } from '../membership.types';
import { FeeRate } from './fee-rate.entity';

/** The Chambre's grid of cotisations for one membership year, with its settings. */
@Entity('membership_fee_schedules')
export class FeeSchedule {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  chambreId!: string;

  @Column('smallint')
  year!: number;

  @Column('text')
  vatTreatment!: CotisationVatTreatment;

  @Column('bigint', { nullable: true, transformer: bigintToNumber })
  firstYearFeeCents!: number | null;

  /** `YYYY-MM-DD`: joins on or after it pay pro rata of the whole months left. */
  @Column('date', { nullable: true })
  prorataFrom!: string | null;

  /** `YYYY-MM-DD`: unpaid memberships of the year lapse the day after. */
  @Column('date', { nullable: true })
  graceUntil!: string | null;

  @Column('smallint', { array: true })
  reminderDays!: number[];

  @Column('smallint')
  finalNoticeDays!: number;

  @Column('boolean')
  publicBodiesActiveOnApproval!: boolean;

  @Column('uuid', { nullable: true })
  updatedBy!: string | null;

  @Column('timestamptz')
  updatedAt!: Date;

  @OneToMany(() => FeeRate, (rate) => rate.schedule)
  rates?: FeeRate[];
}
