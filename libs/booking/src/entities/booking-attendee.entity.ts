import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Attendance } from '../booking.types';

/** A named person a booking's seat is for. */
@Entity('booking_attendees')
export class BookingAttendee {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  bookingId!: string;

  @Column('smallint')
  position!: number;

  @Column('text')
  name!: string;

  @Column('text')
  email!: string;

  @Column('text', { nullable: true })
  attendance!: Attendance | null;

  @Column('timestamptz', { nullable: true })
  attendanceMarkedAt!: Date | null;

  /** When the name and e-mail were replaced by placeholders (erasure or retention). */
  @Column('timestamptz', { nullable: true })
  anonymisedAt!: Date | null;
}
