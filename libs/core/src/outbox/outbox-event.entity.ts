import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Ids and small facts only: consumers reload the state they need. */
export type EventPayload = Record<string, string | number | boolean | null>;

/** A fact (or scheduled work) written in the transaction that caused it, relayed to BullMQ after commit. */
@Entity('outbox_events')
export class OutboxEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  type!: string;

  @Column('text')
  aggregateType!: string;

  @Column('uuid')
  aggregateId!: string;

  @Column('jsonb')
  payload!: EventPayload;

  @Column('timestamptz')
  occurredAt!: Date;

  @Column('timestamptz', { nullable: true })
  deliverAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;

  @Column('integer')
  attempts!: number;

  @Column('text', { nullable: true })
  lastError!: string | null;
}
