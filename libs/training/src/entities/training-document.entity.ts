import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { TrainingDocumentKind } from '../training.types';

/** What a stored document is about: its offering, and its session, booking, trainee when it has them. */
@Entity('training_documents')
export class TrainingDocument {
  @PrimaryColumn('uuid')
  documentId!: string;

  @Column('text')
  kind!: TrainingDocumentKind;

  @Column('uuid')
  offeringId!: string;

  @Column('uuid', { nullable: true })
  sessionId!: string | null;

  @Column('uuid', { nullable: true })
  bookingId!: string | null;

  @Column('uuid', { nullable: true })
  attendeeId!: string | null;

  @Column('uuid', { nullable: true })
  organisationId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
