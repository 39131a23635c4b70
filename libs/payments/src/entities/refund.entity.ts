import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintToNumber } from '@mutualis/core';

/** Money going back: through Stripe, or an instruction for finance to pay a transfer back. */
@Entity('refunds')
export class Refund {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') paymentId!: string;
  @Column('uuid') bookingId!: string;
  @Column('bigint', { transformer: bigintToNumber }) amountCents!: number;
  @Column('text') provider!: 'stripe' | 'bank_transfer';
  @Column('text') status!: 'pending' | 'succeeded' | 'failed' | 'instructed' | 'done';
  @Column('text') reason!: string;
  @Column('text', { nullable: true }) stripeRefundId!: string | null;
  /** What caused it (an outbox event, a late payment): one refund per cause. */
  @Column('text') source!: string;
  @Column('timestamptz', { nullable: true }) completedAt!: Date | null;
  @Column('uuid', { nullable: true }) completedBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
