import { randomUUID } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { ExpireHoldUseCase } from '@mutualis/booking';
import { DAY_MS, insertOrganisations, insertPublishedSession } from '@mutualis/testing';
import { registerAndLogIn, TestUser, userWithRoles } from '../support/api-client';
import { expectProblem, expectStatus, fieldsOf } from '../support/expectations';
import { createTestApp } from '../support/test-app';
import {
  attendees,
  bookingApi,
  eventsOf,
  Json,
  parisDaysBetween,
  seatsTaken,
  sessionState,
  storedBooking,
} from './booking-fixtures';

// Cancelling a booking refunds what was paid under the policy snapshotted on it (100 % until
// D-14, 50 % until D-7, nothing after, in Paris calendar days); an admin may waive the policy.
// Cancelling a session cancels every live booking on it and refunds the paid ones in full.
describe('cancellation and confirmation', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  let b: ReturnType<typeof bookingApi>;
  let member: TestUser;
  let stranger: TestUser;
  let admin: TestUser;
  let finance: TestUser;
  let consultant: TestUser;
  let otherConsultant: TestUser;
  let orgs: string[];

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
    b = bookingApi(app);
    [member, stranger, admin, finance, consultant, otherConsultant] = await Promise.all([
      registerAndLogIn(app, 'canceller'),
      registerAndLogIn(app, 'stranger'),
      userWithRoles(app, 'admin', ['admin']),
      userWithRoles(app, 'finance', ['finance']),
      userWithRoles(app, 'consultant', ['consultant']),
      userWithRoles(app, 'other-consultant', ['consultant']),
    ]);
    orgs = await insertOrganisations(db, member.id, 5);
    await insertOrganisations(db, stranger.id, 1);
  });

  afterAll(async () => {
    await app.close();
  });

  const bookOn = (sessionId: string, status = 'pending_payment', org = 0, seats = 1) =>
    b.booked(member, { organisationId: orgs[org], sessionId, attendees: attendees(seats) }, status);

  async function confirmed(sessionId: string, org = 0, seats = 1): Promise<Json> {
    const booking = await bookOn(sessionId, 'pending_payment', org, seats);
    const response = await b.confirm(admin, booking.id as string, 'cheque');
    expectStatus(response, 200);
    return response.body as Json;
  }

  async function startsAtOf(sessionId: string): Promise<Date> {
    const [row] = await db.query<{ starts_at: Date }[]>(
      'SELECT starts_at FROM sessions WHERE id = $1',
      [sessionId],
    );
    return row.starts_at;
  }

  describe('cancelling a booking', () => {
    it('refunds nothing for an unpaid booking and frees its seats', async () => {
      const { sessionId } = await insertPublishedSession(db, { capacity: 5 });
      const booking = await bookOn(sessionId, 'pending_payment', 0, 2);
      expect(await seatsTaken(db, sessionId)).toBe(2);

      const response = await b.cancel(member, booking.id as string, {
        reason: ' Formatrice malade ',
      });
      expectStatus(response, 200);
      expect(response.body.refund).toMatchObject({
        percent: 0,
        amountCents: 0,
        basis: 'nothing_paid',
      });
      expect(response.body.booking).toMatchObject({
        id: booking.id,
        status: 'cancelled',
        holdExpiresAt: null,
        cancelledAt: expect.any(String),
        refund: null,
      });
      expect(await seatsTaken(db, sessionId)).toBe(0);
      const [row] = await db.query<{ cancellation_reason: string; cancelled_by: string }[]>(
        'SELECT cancellation_reason, cancelled_by FROM bookings WHERE id = $1',
        [booking.id],
      );
      expect(row).toEqual({ cancellation_reason: 'Formatrice malade', cancelled_by: member.id });
      expect(await eventsOf(db, booking.id as string)).toEqual({
        'booking.created': 1,
        'booking.hold-expiry-due': 1,
        'booking.cancelled': 1,
      });
    });

    it('confirms a booking paid by cheque (admin), once', async () => {
      const { sessionId } = await insertPublishedSession(db);
      const booking = await bookOn(sessionId);
      const response = await b.confirm(admin, booking.id as string, 'cheque');
      expectStatus(response, 200);
      expect(response.body).toMatchObject({
        id: booking.id,
        status: 'confirmed',
        confirmationMethod: 'cheque',
        confirmedAt: expect.any(String),
        holdExpiresAt: null,
      });
      expect(await seatsTaken(db, sessionId)).toBe(1);
      expect(await eventsOf(db, booking.id as string)).toEqual({
        'booking.created': 1,
        'booking.hold-expiry-due': 1,
        'booking.confirmed': 1,
      });

      const state = await sessionState(db, sessionId);
      expectProblem(await b.confirm(admin, booking.id as string), 409, 'booking_not_confirmable');
      expectProblem(
        await b.confirm(finance, booking.id as string, 'bank_transfer'),
        409,
        'booking_not_confirmable',
      );
      expect(await sessionState(db, sessionId)).toEqual(state);
      expect((await b.get(member, booking.id as string)).body.confirmationMethod).toBe('cheque');
    });

    it('lets finance confirm (administrative mandate), refuses a plain member (403) and a bad method (400)', async () => {
      const { sessionId } = await insertPublishedSession(db);
      const booking = await bookOn(sessionId);
      const state = await sessionState(db, sessionId);
      expectProblem(await b.confirm(member, booking.id as string), 403);
      const card = await b.confirm(admin, booking.id as string, 'card');
      expectProblem(card, 400, 'validation_failed');
      expect(fieldsOf(card)).toEqual(['method']);
      expect(await sessionState(db, sessionId)).toEqual(state);
      expect((await storedBooking(db, booking.id as string)).status).toBe('pending_payment');

      const byFinance = await b.confirm(finance, booking.id as string, 'administrative_mandate');
      expectStatus(byFinance, 200);
      expect(byFinance.body).toMatchObject({
        status: 'confirmed',
        confirmationMethod: 'administrative_mandate',
      });
      expectProblem(await b.confirm(admin, randomUUID()), 404, 'booking_not_found');
    });

    it('refuses to confirm a cancelled, expired or waitlisted booking (409)', async () => {
      const { sessionId } = await insertPublishedSession(db, { capacity: 1 });
      const held = await bookOn(sessionId, 'pending_payment', 0);
      const waiting = await bookOn(sessionId, 'waitlisted', 1);
      expectProblem(await b.confirm(admin, waiting.id as string), 409, 'booking_not_confirmable');
      await db.query(
        `UPDATE bookings SET status = 'expired', hold_expires_at = NULL WHERE id = $1`,
        [held.id],
      );
      expectProblem(await b.confirm(admin, held.id as string), 409, 'booking_not_confirmable');
      const { sessionId: other } = await insertPublishedSession(db);
      const cancelled = await bookOn(other);
      expectStatus(await b.cancel(member, cancelled.id as string), 200);
      expectProblem(await b.confirm(admin, cancelled.id as string), 409, 'booking_not_confirmable');
      expect((await storedBooking(db, cancelled.id as string)).status).toBe('cancelled');
    });

    it('refunds 100 % of a paid booking cancelled 30 days before the session', async () => {
      const { sessionId } = await insertPublishedSession(db, { startsInMs: 30 * DAY_MS });
      const booking = await confirmed(sessionId, 0, 2);
      const response = await b.cancel(member, booking.id as string);
      expectStatus(response, 200);
      expect(response.body.refund).toEqual({
        percent: 100,
        amountCents: booking.totalInclVatCents,
        daysBefore: parisDaysBetween(new Date(), await startsAtOf(sessionId)),
        basis: 'policy',
      });
      expect(response.body.booking).toMatchObject({
        status: 'cancelled',
        refund: { percent: 100, amountCents: booking.totalInclVatCents },
      });
      expect(await seatsTaken(db, sessionId)).toBe(0);
      expect(await eventsOf(db, booking.id as string)).toEqual({
        'booking.created': 1,
        'booking.hold-expiry-due': 1,
        'booking.confirmed': 1,
        'booking.cancelled': 1,
      });
      const [event] = await db.query<{ payload: Json }[]>(
        `SELECT payload FROM outbox_events WHERE aggregate_id = $1 AND type = 'booking.cancelled'`,
        [booking.id],
      );
      expect(event.payload).toMatchObject({
        previousStatus: 'confirmed',
        refundCents: booking.totalInclVatCents,
        refundPercent: 100,
      });
    });

    it('refunds 50 % of a paid booking cancelled 10 days before, as its credit note credits it', async () => {
      const { sessionId } = await insertPublishedSession(db, {
        startsInMs: 10 * DAY_MS,
        memberPriceCents: 1_251,
        nonMemberPriceCents: 1_300,
      });
      const booking = await confirmed(sessionId);
      expect(booking.totalInclVatCents).toBe(1_501); // 1 251 + 250 VAT
      const response = await b.cancel(member, booking.id as string, { fullRefund: true });
      expectStatus(response, 200);
      // A member asking for a full refund still gets the policy.
      expect(response.body.refund).toMatchObject({
        percent: 50,
        amountCents: 751, // half of 1 251 excluding VAT is 626 (625.5 rounds up), + 125 VAT
        basis: 'policy',
      });
    });

    it('refunds nothing of a paid booking cancelled 3 days before', async () => {
      const { sessionId } = await insertPublishedSession(db, { startsInMs: 3 * DAY_MS });
      const booking = await confirmed(sessionId);
      const response = await b.cancel(member, booking.id as string);
      expectStatus(response, 200);
      expect(response.body.refund).toMatchObject({ percent: 0, amountCents: 0, basis: 'policy' });
      expect(response.body.booking).toMatchObject({ status: 'cancelled', refund: { percent: 0 } });
      expect(await seatsTaken(db, sessionId)).toBe(0);
    });

    it('lets an admin waive the policy and refund everything', async () => {
      const { sessionId } = await insertPublishedSession(db, { startsInMs: 3 * DAY_MS });
      const booking = await confirmed(sessionId);
      const response = await b.cancel(admin, booking.id as string, { fullRefund: true });
      expectStatus(response, 200);
      expect(response.body.refund).toMatchObject({
        percent: 100,
        amountCents: booking.totalInclVatCents,
        basis: 'waived',
      });
    });

    it('keeps the policy snapshotted at booking time when the offering’s policy changes later', async () => {
      const { sessionId, offeringId } = await insertPublishedSession(db, {
        startsInMs: 10 * DAY_MS,
      });
      const booking = await confirmed(sessionId);
      await db.query(
        `UPDATE offerings SET cancellation_policy = '{"tiers":[{"daysBefore":0,"refundPercent":100}]}' WHERE id = $1`,
        [offeringId],
      );
      const response = await b.cancel(member, booking.id as string);
      expect(response.body.refund).toMatchObject({ percent: 50, basis: 'policy' });
    });

    it('answers 409 to cancelling twice, changing nothing', async () => {
      const { sessionId } = await insertPublishedSession(db);
      const booking = await confirmed(sessionId);
      expectStatus(await b.cancel(member, booking.id as string), 200);
      const state = await sessionState(db, sessionId);
      expectProblem(await b.cancel(member, booking.id as string), 409, 'booking_not_cancellable');
      expectProblem(
        await b.cancel(admin, booking.id as string, { fullRefund: true }),
        409,
        'booking_not_cancellable',
      );
      expect(await sessionState(db, sessionId)).toEqual(state);
      expect((await b.get(member, booking.id as string)).body.refund).toEqual({
        percent: 100,
        amountCents: booking.totalInclVatCents,
      });
    });

    it('answers 404 to a member of another organisation, and to an unknown booking, changing nothing', async () => {
      const { sessionId } = await insertPublishedSession(db);
      const booking = await confirmed(sessionId);
      const state = await sessionState(db, sessionId);
      expectProblem(await b.cancel(stranger, booking.id as string), 404, 'booking_not_found');
      expectProblem(await b.cancel(member, randomUUID()), 404, 'booking_not_found');
      expectProblem(await b.cancel(member, 'not-a-uuid'), 400, 'validation_failed');
      expect(await sessionState(db, sessionId)).toEqual(state);
      expect((await storedBooking(db, booking.id as string)).status).toBe('confirmed');
    });

    it('answers 400 to an unknown field or a non-boolean fullRefund', async () => {
      const { sessionId } = await insertPublishedSession(db);
      const booking = await bookOn(sessionId);
      const unknown = await b.cancel(member, booking.id as string, { refundPercent: 100 });
      expectProblem(unknown, 400, 'validation_failed');
      expect(fieldsOf(unknown)).toEqual(['refundPercent']);
      const notBoolean = await b.cancel(member, booking.id as string, { fullRefund: 'yes' });
      expectProblem(notBoolean, 400, 'validation_failed');
      expect(fieldsOf(notBoolean)).toEqual(['fullRefund']);
      expect((await storedBooking(db, booking.id as string)).status).toBe('pending_payment');
    });
  });

  describe('cancelling a session', () => {
    it('cancels every live booking (held, confirmed, offered, waitlisted) and refunds the paid ones in full', async () => {
      const { sessionId } = await insertPublishedSession(db, {
        capacity: 3,
        startsInMs: 3 * DAY_MS, // the policy would refund nothing
        consultantId: consultant.id,
      });
      const held = await bookOn(sessionId, 'pending_payment', 0);
      const paid = await confirmed(sessionId, 1);
      const leaving = await bookOn(sessionId, 'pending_payment', 2);
      const offered = await bookOn(sessionId, 'waitlisted', 3);
      const waiting = await bookOn(sessionId, 'waitlisted', 4);
      expectStatus(await b.cancel(member, leaving.id as string), 200);
      expect((await storedBooking(db, offered.id as string)).status).toBe('offered');

      const response = await b.cancelSession(consultant, sessionId, {
        reason: 'Intervenante malade',
      });
      expectStatus(response, 200);
      expect(response.body.session).toMatchObject({
        id: sessionId,
        status: 'cancelled',
        seatsLeft: 3,
      });
      expect(
        [...(response.body.cancelledBookings as Json[])].sort((x, y) =>
          (x.bookingId as string).localeCompare(y.bookingId as string),
        ),
      ).toEqual(
        [
          { bookingId: held.id, organisationId: orgs[0], refundCents: 0 },
          { bookingId: paid.id, organisationId: orgs[1], refundCents: paid.totalInclVatCents },
          { bookingId: offered.id, organisationId: orgs[3], refundCents: 0 },
          { bookingId: waiting.id, organisationId: orgs[4], refundCents: 0 },
        ].sort((x, y) => (x.bookingId as string).localeCompare(y.bookingId as string)),
      );

      const rows = await db.query<{ id: string; status: string; refund_percent: number | null }[]>(
        `SELECT id, status, refund_percent FROM bookings WHERE session_id = $1`,
        [sessionId],
      );
      expect(rows.every((row) => row.status === 'cancelled')).toBe(true);
      expect(rows.find((row) => row.id === paid.id)?.refund_percent).toBe(100);
      expect(await seatsTaken(db, sessionId)).toBe(0);
      expect((await b.get(member, paid.id as string)).body.refund).toEqual({
        percent: 100,
        amountCents: paid.totalInclVatCents,
      });

      expect(await eventsOf(db, sessionId)).toEqual({ 'session.cancelled': 1 });
      for (const booking of [held, paid, offered, waiting]) {
        expect((await eventsOf(db, booking.id as string))['booking.cancelled']).toBe(1);
      }
      // The freed seats are not offered to anyone: the session no longer takes place.
      expect((await eventsOf(db, waiting.id as string))['waitlist.offered']).toBeUndefined();
    });

    it('lets an admin cancel a session, and answers 409 to cancelling it again', async () => {
      const { sessionId } = await insertPublishedSession(db, { consultantId: consultant.id });
      const booking = await confirmed(sessionId);
      expectStatus(await b.cancelSession(admin, sessionId), 200);
      expect((await storedBooking(db, booking.id as string)).status).toBe('cancelled');
      const state = await sessionState(db, sessionId);
      expectProblem(await b.cancelSession(consultant, sessionId), 409, 'session_not_cancellable');
      expect(await sessionState(db, sessionId)).toEqual(state);
    });

    it('refuses another consultant and a member of a booking organisation, changing nothing', async () => {
      const { sessionId } = await insertPublishedSession(db, { consultantId: consultant.id });
      const booking = await confirmed(sessionId);
      const state = await sessionState(db, sessionId);
      // A published offering's sessions are public: others may see them but not manage them (403).
      expectProblem(await b.cancelSession(otherConsultant, sessionId), 403, 'not_offering_owner');
      expectProblem(await b.cancelSession(member, sessionId), 403, 'not_offering_owner');
      expectProblem(await b.cancelSession(consultant, randomUUID()), 404, 'session_not_found');
      expect(await sessionState(db, sessionId)).toEqual(state);
      expect((await storedBooking(db, booking.id as string)).status).toBe('confirmed');
      const [session] = await db.query<{ status: string }[]>(
        'SELECT status FROM sessions WHERE id = $1',
        [sessionId],
      );
      expect(session.status).toBe('scheduled');
    });

    it('answers no 500 when members cancel their bookings while the session is being cancelled', async () => {
      for (let round = 0; round < 5; round++) {
        const { sessionId } = await insertPublishedSession(db, {
          capacity: 5,
          consultantId: consultant.id,
        });
        const bookings = await Promise.all(
          orgs.map((_, index) => bookOn(sessionId, 'pending_payment', index)),
        );
        const responses = await Promise.all([
          b.cancelSession(consultant, sessionId),
          ...bookings.map((booking) => b.cancel(member, booking.id as string)),
        ]);
        expect({
          round,
          statuses: responses.map((response) => response.status),
          errors: responses
            .filter((response) => response.status >= 500)
            .map((response) => response.body.detail as string),
        }).toEqual({
          round,
          statuses: [200, ...bookings.map(() => expect.any(Number))],
          errors: [],
        });
        expect(await seatsTaken(db, sessionId)).toBe(0);
      }
    });

    it('answers no 500 to the consultant when holds on the session expire while it is being cancelled', async () => {
      const expireHold = app.get(ExpireHoldUseCase);
      const outcomes: string[] = [];
      for (let round = 0; round < 5; round++) {
        const { sessionId } = await insertPublishedSession(db, {
          capacity: 5,
          consultantId: consultant.id,
        });
        const bookings = await Promise.all(
          orgs.map((_, index) => bookOn(sessionId, 'pending_payment', index)),
        );
        await db.query(
          `UPDATE bookings SET hold_expires_at = now() - interval '1 second' WHERE session_id = $1`,
          [sessionId],
        );
        const [cancelled, ...expired] = await Promise.all([
          b.cancelSession(consultant, sessionId),
          ...bookings.map((booking) =>
            expireHold.execute(booking.id as string).catch((error: Error) => error.message),
          ),
        ]);
        outcomes.push(...expired);
        expect({ round, status: cancelled.status, body: cancelled.body as unknown }).toMatchObject({
          round,
          status: 200,
        });
        expect(await seatsTaken(db, sessionId)).toBe(0);
      }
      // The expiries themselves end as expired or skipped, never as an error.
      expect(outcomes.filter((outcome) => outcome !== 'expired' && outcome !== 'skipped')).toEqual(
        [],
      );
    });
  });
});
