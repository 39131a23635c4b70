import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A booking as its booker or one of its attendees may read it in their export. */
export interface BookingPersonalRecord {
  id: string;
  organisationId: string;
  offeringId: string;
  sessionId: string | null;
  slotId: string | null;
  status: string;
  seats: number;
  totalInclVatCents: string;
  serviceStartsAt: Date;
  createdAt: Date;
  cancelledAt: Date | null;
  cancellationReason: string | null;
  /** `booker` (they made it), `attendee` (a seat is theirs), or both. */
  roles: ('booker' | 'attendee')[];
  /** Every attendee when they made the booking; only their own seat when they only attend. */
  attendees: { name: string; email: string; attendance: string | null }[];
}

// Placeholders keep the table's checks (a name, an address with @, unique per booking).
const ANONYMISED_NAME = 'Participant anonymisé';
const ANONYMISED_EMAIL = `'anonymised-' || a.id || '@anonymised.invalid'`;

/**
 * Booking's part of the personal-data register: one person's bookings and seats for their
 * export, their seats anonymised at erasure, and everyone's after the retention period.
 */
@Injectable()
export class BookingPersonalDataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  exportOf(userId: string, email: string): Promise<BookingPersonalRecord[]> {
    return this.dataSource.query<BookingPersonalRecord[]>(
      `WITH mine AS (
         SELECT id FROM bookings WHERE booked_by = $1
         UNION
         SELECT booking_id FROM booking_attendees WHERE lower(email) = lower($2) AND anonymised_at IS NULL
       )
       SELECT b.id, b.organisation_id AS "organisationId", b.offering_id AS "offeringId",
              b.session_id AS "sessionId", b.slot_id AS "slotId", b.status, b.seats,
              b.total_incl_vat_cents::text AS "totalInclVatCents", b.service_starts_at AS "serviceStartsAt",
              b.created_at AS "createdAt", b.cancelled_at AS "cancelledAt",
              b.cancellation_reason AS "cancellationReason",
              array_remove(ARRAY[
                CASE WHEN b.booked_by = $1 THEN 'booker' END,
                CASE WHEN EXISTS (SELECT 1 FROM booking_attendees s WHERE s.booking_id = b.id AND lower(s.email) = lower($2)) THEN 'attendee' END
              ], NULL) AS roles,
              coalesce((SELECT json_agg(json_build_object('name', a.name, 'email', a.email, 'attendance', a.attendance) ORDER BY a.position)
                          FROM booking_attendees a
                         WHERE a.booking_id = b.id AND (b.booked_by = $1 OR lower(a.email) = lower($2))), '[]') AS attendees
         FROM bookings b JOIN mine ON mine.id = b.id
        ORDER BY b.created_at, b.id`,
      [userId, email],
    );
  }

  /**
   * Anonymises the seats this person holds in any booking, in the erasure's transaction. The
   * bookings they made for others keep the others' names: those are the organisation's records
   * about its own staff, not the booker's data.
   */
  async eraseAttendee(manager: EntityManager, email: string): Promise<number> {
    const [, count] = await manager.query<[unknown, number]>(
      `UPDATE booking_attendees a SET name = $2, email = ${ANONYMISED_EMAIL}, anonymised_at = now()
        WHERE lower(a.email) = lower($1) AND a.anonymised_at IS NULL`,
      [email, ANONYMISED_NAME],
    );
    return count;
  }

  /**
   * Retention: anonymises the attendees of every service that started before the cutoff, in
   * batches so one run never holds many row locks; returns how many it changed. Rows already
   * anonymised are skipped (partial index), so a replayed job changes nothing.
   */
  async anonymiseAttendeesOfServicesBefore(cutoff: Date, batchSize = 5_000): Promise<number> {
    let total = 0;
    for (;;) {
      const [, count] = await this.dataSource.query<[unknown, number]>(
        `UPDATE booking_attendees a SET name = $2, email = ${ANONYMISED_EMAIL}, anonymised_at = now()
          WHERE a.id IN (
            SELECT a2.id FROM bookings b
              JOIN booking_attendees a2 ON a2.booking_id = b.id AND a2.anonymised_at IS NULL
             WHERE b.service_starts_at < $1
             LIMIT $3)`,
        [cutoff, ANONYMISED_NAME, batchSize],
      );
      total += count;
      if (count < batchSize) return total;
    }
  }
}
