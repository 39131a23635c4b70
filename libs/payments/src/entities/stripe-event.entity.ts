import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A webhook event as Stripe sent it, stored once by its id; a worker applies it. */
@Entity('stripe_events')
export class StripeEvent {
  @PrimaryColumn('text') id!: string;
  @Column('text') type!: string;
  @Column('jsonb') payload!: Record<string, unknown>;
  @Column('timestamptz') receivedAt!: Date;
  @Column('timestamptz', { nullable: true }) processedAt!: Date | null;
  @Column('text', { nullable: true }) outcome!: string | null;
}
