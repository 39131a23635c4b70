import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BookingFactsService } from '@mutualis/booking';
import { CatalogueFactsService } from '@mutualis/catalogue';
import { minutesOf, splitIntoHalfDays } from '../domain/half-days';
import { AttendanceMark } from '../entities/attendance-mark.entity';
import { HalfDay } from '../entities/half-day.entity';
import { HalfDayRepository } from '../repositories/half-day.repository';

export interface TraineeAttendance {
  attendeeId: string;
  bookingId: string;
  organisationId: string;
  name: string;
  email: string | null;
  /** One per half-day of the session, in order; null where nothing is recorded. */
  marks: (AttendanceMark | null)[];
  scheduledMinutes: number;
  /** The half-days signed present, less the minutes missed the consultant recorded. */
  attendedMinutes: number;
}

export interface SessionAttendance {
  sessionId: string;
  halfDays: (HalfDay & { minutes: number })[];
  trainees: TraineeAttendance[];
  scheduledMinutes: number;
}

/** Minutes attended on one half-day from its mark: present less minutes missed, else none. */
export function attendedMinutesOf(half: HalfDay, mark: AttendanceMark | null): number {
  if (!mark || mark.status !== 'present') return 0;
  return Math.max(0, minutesOf(half) - mark.minutesMissed);
}

/**
 * A session's half-days (made from its hours on first use) and each trainee's attendance on
 * them: what the attendance sheet prints and the certificates' hours come from.
 */
@Injectable()
export class SessionAttendanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly halfDays: HalfDayRepository,
    private readonly catalogue: CatalogueFactsService,
    private readonly bookings: BookingFactsService,
  ) {}

  /** The session's half-days, made from its start and end the first time they are needed. */
  async halfDaysOf(
    sessionId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<HalfDay[]> {
    const existing = await this.halfDays.ofSession(sessionId, manager);
    if (existing.length > 0) return existing;
    const session = await this.catalogue.session(sessionId);
    if (!session) return [];
    return this.halfDays.insertMissing(
      sessionId,
      splitIntoHalfDays(session.startsAt, session.endsAt),
      manager,
    );
  }

  async of(sessionId: string): Promise<SessionAttendance> {
    const halfDays = await this.halfDaysOf(sessionId);
    const [trainees, marks] = await Promise.all([
      this.bookings.traineesOfSession(sessionId),
      this.halfDays.marksOf(halfDays.map((half) => half.id)),
    ]);
    const markOf = new Map(marks.map((mark) => [`${mark.halfDayId}:${mark.attendeeId}`, mark]));
    const scheduledMinutes = halfDays.reduce((sum, half) => sum + minutesOf(half), 0);
    return {
      sessionId,
      halfDays: halfDays.map((half) => Object.assign(half, { minutes: minutesOf(half) })),
      scheduledMinutes,
      trainees: trainees.map((trainee) => {
        const traineeMarks = halfDays.map(
          (half) => markOf.get(`${half.id}:${trainee.attendeeId}`) ?? null,
        );
        return {
          attendeeId: trainee.attendeeId,
          bookingId: trainee.bookingId,
          organisationId: trainee.organisationId,
          name: trainee.name,
          email: trainee.email,
          marks: traineeMarks,
          scheduledMinutes,
          attendedMinutes: halfDays.reduce(
            (sum, half, at) => sum + attendedMinutesOf(half, traineeMarks[at]),
            0,
          ),
        };
      }),
    };
  }
}
