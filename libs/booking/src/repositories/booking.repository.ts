import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { KeysetPosition } from '@mutualis/core';
import { BookingAttendee } from '../entities/booking-attendee.entity';
import { Booking } from '../entities/booking.entity';
import {
  BookingStatus,
  CANCELLABLE_STATUSES,
  SEAT_HOLDING_OR_WAITLISTED_STATUSES,
  SEAT_HOLDING_STATUSES,
} from '../booking.types';

export type NewBooking = Omit<
  Booking,
  | 'id'
  | 'createdAt'
  | 'updatedAt'
  | 'confirmedAt'
  | 'confirmedBy'
  | 'confirmationMethod'
  | 'confirmationPaidCents'
  | 'cancelledAt'
  | 'cancelledBy'
  | 'cancellationReason'
  | 'refundPercent'
  | 'refundCents'
>;

export interface BookingListQuery {
  /** Restrict to these organisations (a member's own), to the sessions of these offerings (a consultant's), or neither (staff). */
  organisationIds?: string[];
  offeringIds?: string[];
  organisationId?: string;
  sessionId?: string;
  statuses?: BookingStatus[];
  after: KeysetPosition | null;
  limit: number;
}

/** A booking and its attendees as written, held by whoever wrote them. */
export interface StoredBooking {
  booking: Booking;
  attendees: BookingAttendee[];
}

@Injectable()
export class BookingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Booking | null> {
    return manager.findOne(Booking, { where: { id } });
  }

  /** Locks the booking for the rest of the transaction: its status changes one at a time. */
  findByIdForUpdate(id: string, manager: EntityManager): Promise<Booking | null> {
    return manager
      .getRepository(Booking)
      .createQueryBuilder('booking')
      .setLock('for_no_key_update')
      .where('booking.id = :id', { id })
      .getOne();
  }

  /**
   * Inserts the booking and its attendees, answering them as stored without reading them back:
   * the insert fills in the generated id and timestamps, and every other column is given.
   */
  async create(
    booking: NewBooking,
    attendees: { name: string; email: string }[],
    manager: EntityManager,
  ): Promise<StoredBooking> {
    const created = manager.create(Booking, {
      ...booking,
      confirmedAt: null,
      confirmedBy: null,
      confirmationMethod: null,
      confirmationPaidCents: null,
      cancelledAt: null,
      cancelledBy: null,
      cancellationReason: null,
      refundPercent: null,
      refundCents: null,
    });
    await manager.insert(Booking, created);
    const seated = attendees.map((attendee, position) =>
      manager.create(BookingAttendee, {
        bookingId: created.id,
        position,
        name: attendee.name,
        email: attendee.email,
        attendance: null,
        attendanceMarkedAt: null,
      }),
    );
    await manager.insert(BookingAttendee, seated);
    return { booking: created, attendees: seated };
  }

  async update(id: string, changes: Partial<Booking>, manager: EntityManager): Promise<Booking> {
    await manager.update(Booking, { id }, changes);
    return (await this.findById(id, manager))!;
  }

  /** Seats an organisation holds or waits for on a session (its per-organisation limit counts them all). */
  async seatsOfOrganisation(
    sessionId: string,
    organisationId: string,
    manager: EntityManager,
  ): Promise<number> {
    const [row] = await manager.query<{ seats: number }[]>(
      `SELECT coalesce(sum(seats), 0)::int AS seats FROM bookings
        WHERE session_id = $1 AND organisation_id = $2
          AND status = ANY($3)`,
      [sessionId, organisationId, SEAT_HOLDING_OR_WAITLISTED_STATUSES],
    );
    return row.seats;
  }

  /**
   * Serialises the bookings of one organisation and of one user until the transaction ends, so
   * two simultaneous bookings cannot both count the unpaid places before either is written.
   * Advisory locks: the organisation's row belongs to identity; a hash collision only makes two
   * unrelated bookers wait for each other. Always organisation first, then user.
   */
  async lockUnpaidPlaces(
    organisationId: string,
    userId: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `booking-unpaid:organisation:${organisationId}`,
    ]);
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `booking-unpaid:user:${userId}`,
    ]);
  }

  /**
   * Places held without payment by an organisation and by a user (over all organisations):
   * seats awaiting payment or offered from the waitlist, a consultation slot counting as one.
   * A hold past its expiry is no longer held, even before the worker expires it.
   */
  async unpaidPlaces(
    organisationId: string,
    userId: string,
    now: Date,
    manager: EntityManager,
  ): Promise<{ organisation: number; user: number }> {
    const [row] = await manager.query<{ organisation: number; user: number }[]>(
      `SELECT coalesce(sum(places) FILTER (WHERE organisation_id = $1), 0)::int AS organisation,
              coalesce(sum(places) FILTER (WHERE booked_by = $2), 0)::int AS "user"
         FROM (SELECT organisation_id, booked_by,
                      CASE WHEN slot_id IS NULL THEN seats ELSE 1 END AS places
                 FROM bookings
                WHERE (organisation_id = $1 OR booked_by = $2)
                  AND ((status = 'pending_payment' AND hold_expires_at > $3)
                    OR (status = 'offered' AND offer_expires_at > $3))) AS held`,
      [organisationId, userId, now],
    );
    return row;
  }

  /** The session's waitlist in arrival order, locked so two releases cannot offer the same booking. */
  waitlist(sessionId: string, manager: EntityManager): Promise<Booking[]> {
    return manager
      .getRepository(Booking)
      .createQueryBuilder('booking')
      .setLock('for_no_key_update')
      .where(`booking.sessionId = :sessionId AND booking.status = 'waitlisted'`, { sessionId })
      .orderBy('booking.waitlistedAt', 'ASC')
      .addOrderBy('booking.id', 'ASC')
      .getMany();
  }

  /** Every booking of a session still alive (to cancel them with the session). */
  liveOnSession(sessionId: string, manager: EntityManager): Promise<Booking[]> {
    return manager
      .getRepository(Booking)
      .createQueryBuilder('booking')
      .setLock('for_no_key_update')
      .where('booking.sessionId = :sessionId', { sessionId })
      .andWhere('booking.status IN (:...statuses)', {
        statuses: CANCELLABLE_STATUSES,
      })
      .orderBy('booking.createdAt', 'ASC')
      .getMany();
  }

  /**
   * A session moved: its bookings' service start follows it, so refund tiers and reminders count
   * from the new date (cancelled and expired bookings keep the date they had).
   */
  async moveServiceStart(
    sessionId: string,
    startsAt: Date,
    manager: EntityManager,
  ): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .update(Booking)
      .set({ serviceStartsAt: startsAt })
      .where('session_id = :sessionId AND status IN (:...statuses)', {
        sessionId,
        statuses: CANCELLABLE_STATUSES,
      })
      .execute();
    return result.affected ?? 0;
  }

  /** Bookings of a session whose seats are held or confirmed (the attendee list). */
  seatedOnSession(
    sessionId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Booking[]> {
    return manager.find(Booking, {
      where: {
        sessionId,
        status: In(SEAT_HOLDING_STATUSES),
      },
      order: { createdAt: 'ASC' },
    });
  }

  /** Holds and offers past their expiry: what the sweep expires when a delayed job was lost. */
  async overdueIds(limit: number): Promise<{ holds: string[]; offers: string[] }> {
    const [holds, offers] = await Promise.all([
      this.dataSource.query<{ id: string }[]>(
        `SELECT id FROM bookings WHERE status = 'pending_payment' AND hold_expires_at <= now()
          ORDER BY hold_expires_at LIMIT $1`,
        [limit],
      ),
      this.dataSource.query<{ id: string }[]>(
        `SELECT id FROM bookings WHERE status = 'offered' AND offer_expires_at <= now()
          ORDER BY offer_expires_at LIMIT $1`,
        [limit],
      ),
    ]);
    return { holds: holds.map((row) => row.id), offers: offers.map((row) => row.id) };
  }

  attendeesOf(
    bookingIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<BookingAttendee[]> {
    if (bookingIds.length === 0) return Promise.resolve([]);
    return manager.find(BookingAttendee, {
      where: { bookingId: In(bookingIds) },
      order: { bookingId: 'ASC', position: 'ASC' },
    });
  }

  async markAttendance(
    bookingId: string,
    attendeeId: string,
    attendance: 'present' | 'absent',
    manager: EntityManager,
  ): Promise<boolean> {
    const result = await manager.update(
      BookingAttendee,
      { id: attendeeId, bookingId },
      { attendance, attendanceMarkedAt: () => 'now()' },
    );
    return result.affected === 1;
  }

  list(query: BookingListQuery): Promise<Booking[]> {
    const builder = this.dataSource
      .getRepository(Booking)
      .createQueryBuilder('booking')
      .orderBy('booking.createdAt', 'ASC')
      .addOrderBy('booking.id', 'ASC')
      .limit(query.limit + 1);
    if (query.organisationIds || query.offeringIds) {
      builder.andWhere(
        new Brackets((scope) => {
          if (query.organisationIds?.length) {
            scope.orWhere('booking.organisationId IN (:...organisationIds)', {
              organisationIds: query.organisationIds,
            });
          }
          if (query.offeringIds?.length) {
            scope.orWhere('booking.offeringId IN (:...offeringIds)', {
              offeringIds: query.offeringIds,
            });
          }
          if (!query.organisationIds?.length && !query.offeringIds?.length) scope.where('false');
        }),
      );
    }
    if (query.organisationId)
      builder.andWhere('booking.organisationId = :organisationId', {
        organisationId: query.organisationId,
      });
    if (query.sessionId)
      builder.andWhere('booking.sessionId = :sessionId', { sessionId: query.sessionId });
    if (query.statuses?.length)
      builder.andWhere('booking.status IN (:...statuses)', { statuses: query.statuses });
    if (query.after) {
      builder.andWhere('(booking.createdAt, booking.id) > (:afterCreatedAt, :afterId)', {
        afterCreatedAt: query.after.createdAt,
        afterId: query.after.id,
      });
    }
    return builder.getMany();
  }
}
