import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { HalfDayPeriod } from '../training.types';

/** A morning or an afternoon of a session: the unit trainees sign for (émargement). */
@Entity('training_half_days')
export class HalfDay {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  sessionId!: string;

  /** The Paris calendar day, YYYY-MM-DD. */
  @Column('date')
  day!: string;

  @Column('text')
  period!: HalfDayPeriod;

  @Column('timestamptz')
  startsAt!: Date;

  @Column('timestamptz')
  endsAt!: Date;

  @Column('timestamptz', { nullable: true })
  countersignedAt!: Date | null;

  @Column('uuid', { nullable: true })
  countersignedBy!: string | null;

  @Column('text', { nullable: true })
  countersignerName!: string | null;

  @Column('bytea', { nullable: true })
  countersignaturePng!: Buffer | null;
}
