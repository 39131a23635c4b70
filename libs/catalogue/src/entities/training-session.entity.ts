import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { SessionStatus } from '../catalogue.types';

/** A dated run of a training offering, with its seats. */
@Entity('sessions')
export class TrainingSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  offeringId!: string;

  @Column('timestamptz')
  startsAt!: Date;

  @Column('timestamptz')
  endsAt!: Date;

  @Column('timestamptz')
  registrationDeadline!: Date;

  @Column('integer')
  capacity!: number;

  /** Seats held or confirmed; never above capacity (database constraint). */
  @Column('integer')
  seatsTaken!: number;

  @Column('text', { nullable: true })
  location!: string | null;

  /** Revealed only to the owner, admins and booked attendees. */
  @Column('text', { nullable: true })
  remoteUrl!: string | null;

  @Column('text')
  status!: SessionStatus;

  @Column('timestamptz', { nullable: true })
  cancelledAt!: Date | null;

  @Column('text', { nullable: true })
  cancellationReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
