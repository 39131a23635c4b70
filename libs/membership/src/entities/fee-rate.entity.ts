import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintToNumber } from '@mutualis/core';
import type { FeeBasis, MemberFamily } from '../membership.types';
import { FeeSchedule } from './fee-schedule.entity';

/**
 * One bracket of a year's grid: the fee of a family whose headcount (or annual budget, in
 * cents) is at least `lowerBound` and below `upperBound` (null: no upper bound).
 */
@Entity('membership_fee_rates')
export class FeeRate {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  scheduleId!: string;

  @Column('text')
  family!: MemberFamily;

  @Column('text')
  basis!: FeeBasis;

  @Column('bigint', { transformer: bigintToNumber })
  lowerBound!: number;

  @Column('bigint', { nullable: true, transformer: bigintToNumber })
  upperBound!: number | null;

  @Column('bigint', { transformer: bigintToNumber })
  amountCents!: number;

  @ManyToOne(() => FeeSchedule, (schedule) => schedule.rates, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'schedule_id' })
  schedule?: FeeSchedule;
}
