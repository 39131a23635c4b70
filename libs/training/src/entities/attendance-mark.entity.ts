import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AttendanceStatus, SignatureKind } from '../training.types';

/** One trainee on one half-day: signed present, or recorded absent by the consultant. */
@Entity('training_attendance')
export class AttendanceMark {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  halfDayId!: string;

  @Column('uuid')
  attendeeId!: string;

  @Column('uuid')
  bookingId!: string;

  @Column('text')
  status!: AttendanceStatus;

  @Column('timestamptz', { nullable: true })
  signedAt!: Date | null;

  @Column('text', { nullable: true })
  signatureKind!: SignatureKind | null;

  @Column('bytea', { nullable: true })
  signaturePng!: Buffer | null;

  @Column('text', { nullable: true })
  typedName!: string | null;

  @Column('boolean')
  remote!: boolean;

  @Column('smallint')
  minutesMissed!: number;

  @Column('text', { nullable: true })
  absenceReason!: string | null;

  @Column('uuid', { nullable: true })
  recordedBy!: string | null;

  @Column('text', { nullable: true })
  ipAddress!: string | null;

  @Column('text', { nullable: true })
  userAgent!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
