import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bookings of session seats or consultation slots, with the price and VAT snapshotted when
 * booked, their holds, waitlist offers, cancellations and refunds; and the named attendees.
 */
export class CreateBooking1795680300000 implements MigrationInterface {
  name = 'CreateBooking1795680300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE bookings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        booked_by uuid NOT NULL REFERENCES users (id),
        offering_id uuid NOT NULL REFERENCES offerings (id),
        session_id uuid REFERENCES sessions (id),
        slot_id uuid REFERENCES consultation_slots (id),
        seats integer NOT NULL CHECK (seats BETWEEN 1 AND 100),
        status text NOT NULL CHECK (status IN
          ('pending_payment', 'confirmed', 'waitlisted', 'offered', 'cancelled', 'expired', 'attended', 'no_show')),
        unit_price_cents bigint NOT NULL CHECK (unit_price_cents >= 0),
        member_price boolean NOT NULL,
        vat_treatment text NOT NULL CHECK (vat_treatment IN ('standard', 'exempt_training', 'not_subject')),
        vat_rate_basis_points integer NOT NULL CHECK (vat_rate_basis_points BETWEEN 0 AND 10000),
        total_excl_vat_cents bigint NOT NULL,
        total_vat_cents bigint NOT NULL,
        total_incl_vat_cents bigint NOT NULL,
        cancellation_policy jsonb NOT NULL,
        service_starts_at timestamptz NOT NULL,
        hold_expires_at timestamptz,
        offer_expires_at timestamptz,
        waitlisted_at timestamptz,
        confirmed_at timestamptz,
        confirmed_by uuid REFERENCES users (id),
        confirmation_method text CHECK (confirmation_method IN ('card', 'sepa_debit', 'bank_transfer', 'cheque', 'administrative_mandate', 'free')),
        cancelled_at timestamptz,
        cancelled_by uuid REFERENCES users (id),
        cancellation_reason text CHECK (length(cancellation_reason) <= 1000),
        refund_percent integer CHECK (refund_percent BETWEEN 0 AND 100),
        refund_cents bigint CHECK (refund_cents >= 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT bookings_session_or_slot CHECK ((session_id IS NULL) <> (slot_id IS NULL)),
        CONSTRAINT bookings_slot_is_one_seat CHECK (slot_id IS NULL OR seats = 1),
        CONSTRAINT bookings_totals_add_up CHECK (
          total_excl_vat_cents = unit_price_cents * seats
          AND total_incl_vat_cents = total_excl_vat_cents + total_vat_cents),
        CONSTRAINT bookings_hold_has_expiry CHECK (status <> 'pending_payment' OR hold_expires_at IS NOT NULL),
        CONSTRAINT bookings_offer_has_expiry CHECK (status <> 'offered' OR offer_expires_at IS NOT NULL),
        CONSTRAINT bookings_waitlist_has_time CHECK (status NOT IN ('waitlisted', 'offered') OR waitlisted_at IS NOT NULL),
        CONSTRAINT bookings_refund_within_total CHECK (refund_cents IS NULL OR refund_cents <= total_incl_vat_cents)
      )`);
    // A consultation slot is booked by one live booking at most, whatever the application does.
    await db.query(`
      CREATE UNIQUE INDEX bookings_one_live_per_slot ON bookings (slot_id)
      WHERE slot_id IS NOT NULL AND status IN ('pending_payment', 'confirmed', 'attended', 'no_show')`);
    await db.query(
      `CREATE INDEX bookings_organisation_idx ON bookings (organisation_id, created_at, id)`,
    );
    await db.query(
      `CREATE INDEX bookings_session_idx ON bookings (session_id, status) WHERE session_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX bookings_offering_idx ON bookings (offering_id, created_at, id)`);
    await db.query(`CREATE INDEX bookings_created_idx ON bookings (created_at, id)`);
    // First come, first served: the waitlist of a session in arrival order.
    await db.query(
      `CREATE INDEX bookings_waitlist_idx ON bookings (session_id, waitlisted_at, id) WHERE status = 'waitlisted'`,
    );
    await db.query(
      `CREATE INDEX bookings_holds_idx ON bookings (hold_expires_at) WHERE status = 'pending_payment'`,
    );
    await db.query(
      `CREATE INDEX bookings_offers_idx ON bookings (offer_expires_at) WHERE status = 'offered'`,
    );

    await db.query(`
      CREATE TABLE booking_attendees (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        booking_id uuid NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
        position smallint NOT NULL,
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        email text NOT NULL CHECK (email LIKE '%_@_%' AND length(email) <= 254),
        attendance text CHECK (attendance IN ('present', 'absent')),
        attendance_marked_at timestamptz,
        CONSTRAINT booking_attendees_position_key UNIQUE (booking_id, position)
      )`);
    await db.query(
      `CREATE UNIQUE INDEX booking_attendees_email_key ON booking_attendees (booking_id, lower(email))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE booking_attendees`);
    await db.query(`DROP TABLE bookings`);
  }
}
