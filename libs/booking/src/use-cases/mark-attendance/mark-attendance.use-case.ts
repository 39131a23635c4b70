import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, OutboxService } from '@mutualis/core';
import { OfferingAccessService, SeatInventoryService } from '@mutualis/catalogue';
import { Actor } from '@mutualis/identity';
import { BookingErrorCode, BookingException } from '../../booking.exception';
import { Attendance } from '../../booking.types';
import { BookingRepository } from '../../repositories/booking.repository';
import { bookingEvent } from '../../services/booking-events';
import { BookingEvents } from '../../booking.events';

export interface AttendanceMark {
  attendeeId: string;
  attendance: Attendance;
}

export interface AttendanceResult {
  bookings: { bookingId: string; status: 'attended' | 'no_show' | 'confirmed' }[];
}

/**
 * Once a session has begun, its consultant (or an admin) marks who came. A booking with one
 * attendee present is `attended`; one whose attendees are all marked absent is `no_show`.
 */
@Injectable()
export class MarkAttendanceUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly offerings: OfferingAccessService,
    private readonly inventory: SeatInventoryService,
    private readonly bookings: BookingRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: Actor,
    sessionId: string,
    marks: AttendanceMark[],
  ): Promise<AttendanceResult> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.inventory.lockSession(sessionId, manager);
      if (!locked) throw sessionNotFound();
      await this.offerings.getManagedForReading(actor, locked.offering.id).catch(() => {
        throw sessionNotFound();
      });
      if (locked.session.startsAt > this.clock.now()) {
        throw new BookingException(
          BookingErrorCode.AttendanceTooEarly,
          'attendance can be marked once the session has begun',
        );
      }
      const seated = (await this.bookings.seatedOnSession(sessionId, manager)).filter((booking) =>
        ['confirmed', 'attended', 'no_show'].includes(booking.status),
      );
      const attendees = await this.bookings.attendeesOf(
        seated.map((booking) => booking.id),
        manager,
      );
      const bookingOf = new Map(attendees.map((attendee) => [attendee.id, attendee.bookingId]));
      const unknown = marks.filter((mark) => !bookingOf.has(mark.attendeeId));
      if (unknown.length > 0) {
        throw new BookingException(
          BookingErrorCode.UnknownAttendee,
          'some attendees are not on a confirmed booking of this session',
          unknown.map((mark) => ({
            field: `attendees.${marks.indexOf(mark)}.attendeeId`,
            message: 'is not on this session',
          })),
        );
      }
      for (const mark of marks) {
        await this.bookings.markAttendance(
          bookingOf.get(mark.attendeeId)!,
          mark.attendeeId,
          mark.attendance,
          manager,
        );
      }
      const touched = new Set(marks.map((mark) => bookingOf.get(mark.attendeeId)!));
      const after = await this.bookings.attendeesOf([...touched], manager);
      const result: AttendanceResult['bookings'] = [];
      for (const bookingId of touched) {
        const marked = after.filter((attendee) => attendee.bookingId === bookingId);
        const status = marked.some((attendee) => attendee.attendance === 'present')
          ? 'attended'
          : marked.every((attendee) => attendee.attendance === 'absent')
            ? 'no_show'
            : 'confirmed';
        const updated = await this.bookings.update(bookingId, { status }, manager);
        await this.outbox.record(manager, bookingEvent(BookingEvents.AttendanceMarked, updated));
        result.push({ bookingId, status });
      }
      return { bookings: result };
    });
  }
}

export function sessionNotFound(): BookingException {
  return new BookingException(BookingErrorCode.SessionNotFound, 'session not found');
}
