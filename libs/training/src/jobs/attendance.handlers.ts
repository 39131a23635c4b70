import { Injectable } from '@nestjs/common';
import { BookingEvents } from '@mutualis/booking';
import { EventJob, OnEvent, QueueName } from '@mutualis/core';
import { AttendanceOpeningsService } from '../services/attendance-openings.service';

/**
 * Émargement in the worker: a confirmed training booking makes its session's half-days and
 * schedules each one's HalfDayOpening (its trainees' links are mailed then, by notifications).
 * Idempotent: a half-day already scheduled is skipped.
 *
 * booking.confirmed → training is also wanted by the convention, convocation, completion and
 * survey work: when merged, one handler must call each (the worker allows one per event and
 * queue); this one's whole work is `scheduleForBooking`.
 */
@Injectable()
export class AttendanceHandlers {
  constructor(private readonly openings: AttendanceOpeningsService) {}

  @OnEvent(BookingEvents.Confirmed, QueueName.Training)
  async bookingConfirmed(event: EventJob<typeof BookingEvents.Confirmed>) {
    return { halfDayOpenings: await this.openings.scheduleForBooking(event.aggregateId) };
  }
}
