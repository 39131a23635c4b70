import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintToNumber } from '@mutualis/core';

export type PaymentStatus =
  | 'pending'
  | 'processing'
  | 'succeeded'
  | 'failed'
  | 'expired'
  | 'refunded'
  | 'partially_refunded'
  | 'disputed';

/**
 * One attempt to pay a booking, or an issued invoice that bills none (a cotisation), with the
 * ids to trace it through Stripe to the payout.
 */
@Entity('payments')
export class Payment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Null for a payment of an invoice alone (then `invoiceId` is set). */
  @Column('uuid', { nullable: true }) bookingId!: string | null;
  @Column('uuid') organisationId!: string;
  @Column('uuid', { nullable: true }) invoiceId!: string | null;
  @Column('text') provider!: 'stripe' | 'bank_transfer';
  @Column('text', { nullable: true }) method!: 'card' | 'sepa_debit' | 'bank_transfer' | null;
  @Column('bigint', { transformer: bigintToNumber }) amountCents!: number;
  @Column('char', { length: 3 }) currency!: 'EUR';
  @Column('text') status!: PaymentStatus;
  @Column('bigint', { transformer: bigintToNumber }) amountRefundedCents!: number;
  @Column('text', { nullable: true }) stripeCheckoutSessionId!: string | null;
  @Column('text', { nullable: true }) stripePaymentIntentId!: string | null;
  @Column('text', { nullable: true }) stripeChargeId!: string | null;
  @Column('text', { nullable: true }) stripeBalanceTransactionId!: string | null;
  @Column('bigint', { nullable: true, transformer: bigintToNumber }) stripeFeeCents!: number | null;
  @Column('text', { nullable: true }) failureReason!: string | null;
  /** When Stripe took the money (the completing event's time); null until then. */
  @Column('timestamptz', { nullable: true }) succeededAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
