import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BookingFactsService } from '@mutualis/booking';
import { CatalogueFactsService } from '@mutualis/catalogue';
import { Clock, OutboxService } from '@mutualis/core';
import { HalfDay } from '../entities/half-day.entity';
import { AttendanceRepository } from '../repositories/attendance.repository';
import { HalfDayRepository } from '../repositories/half-day.repository';
import { TrainingEvents } from '../training.events';
import { AttendanceLinksService } from './attendance-links.service';
import { SessionAttendanceService } from './session-attendance.service';

/** One trainee to mail their link to when a half-day opens. */
export interface OpeningRecipient {
  attendeeId: string;
  name: string;
  email: string;
  link: string;
}

export interface HalfDayOpeningFacts {
  sessionId: string;
  offeringTitle: string;
  location: string | null;
  remoteUrl: string | null;
  halfDay: HalfDay;
  closesAt: Date;
  recipients: OpeningRecipient[];
}

/**
 * The HalfDayOpening due events: one per half-day, written when a training booking is confirmed
 * (the session's half-days are made then), delivered at the half-day's start, when each trainee
 * gets their link by e-mail. Scheduling twice writes nothing (training_half_day_openings).
 */
@Injectable()
export class AttendanceOpeningsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionAttendanceService,
    private readonly attendance: AttendanceRepository,
    private readonly halfDays: HalfDayRepository,
    private readonly links: AttendanceLinksService,
    private readonly catalogue: CatalogueFactsService,
    private readonly bookings: BookingFactsService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** On a confirmed booking: schedule its session's openings (a slot's booking has none). */
  async scheduleForBooking(bookingId: string): Promise<number> {
    const booking = await this.bookings.forNotice(bookingId);
    if (!booking?.sessionId || booking.status !== 'confirmed') return 0;
    return this.scheduleForSession(booking.sessionId);
  }

  /** Writes the HalfDayOpening of each half-day still to come that has none; returns how many. */
  async scheduleForSession(sessionId: string): Promise<number> {
    const session = await this.catalogue.session(sessionId);
    if (!session || session.status !== 'scheduled') return 0;
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      let written = 0;
      for (const half of await this.sessions.halfDaysOf(sessionId, manager)) {
        if (half.endsAt <= now || half.countersignedAt) continue;
        if (!(await this.attendance.claimOpening(half.id, half.startsAt, manager))) continue;
        await this.outbox.record(manager, {
          type: TrainingEvents.HalfDayOpening,
          aggregateType: 'training_half_day',
          aggregateId: half.id,
          payload: { sessionId, halfDayId: half.id },
          deliverAt: half.startsAt > now ? half.startsAt : now,
        });
        written++;
      }
      return written;
    });
  }

  /**
   * After a session moved (catalogue's reschedule): its half-days are cut again from the new
   * hours and their openings scheduled again; the openings already written find no half-day on
   * arrival and mail nothing. A session with a signature or a countersignature keeps its
   * half-days (they are records): returns -1 then, else the openings written.
   */
  async remakeForMovedSession(sessionId: string): Promise<number> {
    const forgotten = await this.dataSource.transaction((manager) =>
      this.attendance.forgetUnusedHalfDays(sessionId, manager),
    );
    return forgotten ? this.scheduleForSession(sessionId) : -1;
  }

  /**
   * Whom to mail when a half-day opens, checked on arrival: nobody if the half-day is gone,
   * countersigned or past its window, or the session cancelled; only trainees with an address
   * who have not signed (or been marked absent) yet.
   */
  async openingOf(halfDayId: string): Promise<HalfDayOpeningFacts | null> {
    const halfDay = await this.halfDays.findById(halfDayId);
    if (!halfDay || halfDay.countersignedAt) return null;
    const session = await this.catalogue.session(halfDay.sessionId);
    if (!session || session.status === 'cancelled') return null;
    const window = await this.links.windowOf(halfDay);
    if (this.clock.now() > window.closesAt) return null;
    const [trainees, marks] = await Promise.all([
      this.bookings.traineesOfSession(halfDay.sessionId),
      this.halfDays.marksOf([halfDay.id]),
    ]);
    const marked = new Set(marks.map((mark) => mark.attendeeId));
    const recipients: OpeningRecipient[] = [];
    for (const trainee of trainees) {
      if (!trainee.email || marked.has(trainee.attendeeId)) continue;
      if (trainee.bookingStatus === 'no_show') continue;
      recipients.push({
        attendeeId: trainee.attendeeId,
        name: trainee.name,
        email: trainee.email,
        link: this.links.urlOf(await this.links.tokenFor(halfDay.id, trainee.attendeeId)),
      });
    }
    return {
      sessionId: session.sessionId,
      offeringTitle: session.offeringTitle,
      location: session.location,
      remoteUrl: session.remoteUrl,
      halfDay,
      closesAt: window.closesAt,
      recipients,
    };
  }
}
