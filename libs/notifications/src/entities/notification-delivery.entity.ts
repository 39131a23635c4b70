import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { MailLocale, TemplateName } from '../templates/template-data';

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * A file to attach, named by what produces it: the content is made at send time (the stored
 * invoice PDF; a stored document (convocation, certificate…); an .ics built from the message's own service moment).
 */
export type AttachmentRef =
  | { kind: 'invoice-pdf'; invoiceId: string }
  | { kind: 'document'; documentId: string }
  | { kind: 'calendar'; uid: string; method: 'PUBLISH' | 'CANCEL'; sequence: number };

/** One message to one recipient for one event, and what became of it. */
@Entity('notification_deliveries')
export class NotificationDelivery {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The outbox event id, or the key of a scheduled message (e.g. `reminder:<bookingId>`). */
  @Column('text')
  eventKey!: string;

  /** Lower-cased e-mail address. */
  @Column('text')
  recipient!: string;

  @Column('uuid', { nullable: true })
  userId!: string | null;

  @Column('text')
  template!: TemplateName;

  @Column('text')
  locale!: MailLocale;

  /** The template's data as planned, so a retry or a resend sends the same message. */
  @Column('jsonb')
  params!: Record<string, unknown>;

  @Column('jsonb')
  attachments!: AttachmentRef[];

  @Column('text')
  status!: DeliveryStatus;

  @Column('integer')
  attempts!: number;

  @Column('text', { nullable: true })
  smtpMessageId!: string | null;

  @Column('text', { nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column('timestamptz', { nullable: true })
  sentAt!: Date | null;

  /** When the rendered data was dropped (erasure of its person, or retention). */
  @Column('timestamptz', { nullable: true })
  dataPurgedAt!: Date | null;
}
