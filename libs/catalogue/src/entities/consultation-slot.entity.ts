import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { SlotStatus } from '../catalogue.types';

/** A time a consultant offers for a one-to-one consultation. */
@Entity('consultation_slots')
export class ConsultationSlot {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  offeringId!: string;

  /** Copied from the offering, so the exclusion constraint can keep one consultant's slots apart. */
  @Column('uuid')
  consultantId!: string;

  @Column('timestamptz')
  startsAt!: Date;

  @Column('timestamptz')
  endsAt!: Date;

  @Column('text')
  status!: SlotStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
