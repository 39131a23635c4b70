import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import {
  ExpireHoldUseCase,
  ExpireOfferUseCase,
  SweepExpiredBookingsUseCase,
} from '@mutualis/booking';
import { insertOrganisations, insertPublishedSession } from '@mutualis/testing';
import { registerAndLogIn, TestUser } from '../support/api-client';
import { expectProblem, expectStatus } from '../support/expectations';
import { createTestApp } from '../support/test-app';
import {
  attendees,
  bookingApi,
  eventsOf,
  HOUR_MS,
  Json,
  seatsTaken,
  sessionState,
  storedBooking,
} from './booking-fixtures';

const OFFER_MS = 24 * HOUR_MS;
const HOLD_MS = 30 * 60_000;

// A full session keeps a waitlist: freed seats go, first come first served, to the earliest
// waiting booking that fits, as an offer to accept within 24 hours; holds and offers expire.
describe('waitlist', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  let b: ReturnType<typeof bookingApi>;
  let expiry: {
    hold: ExpireHoldUseCase;
    offer: ExpireOfferUseCase;
    sweep: SweepExpiredBookingsUseCase;
  };
  let member: TestUser;
  let stranger: TestUser;
  let orgs: string[];

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
    b = bookingApi(app);
    expiry = {
      hold: app.get(ExpireHoldUseCase),
      offer: app.get(ExpireOfferUseCase),
      sweep: app.get(SweepExpiredBookingsUseCase),
    };
    [member, stranger] = await Promise.all([
      registerAndLogIn(app, 'waiting'),
      registerAndLogIn(app, 'stranger'),
    ]);
    orgs = await insertOrganisations(db, member.id, 6);
    await insertOrganisations(db, stranger.id, 1);
  });

  afterAll(async () => {
    await app.close();
  });

  /** Books `seats` on the session for the n-th organisation, expecting the given status. */
  const bookAs = (n: number, sessionId: string, seats: number, status: string) =>
    b.booked(member, { organisationId: orgs[n], sessionId, attendees: attendees(seats) }, status);

  async function read(bookingId: string): Promise<Json> {
    const response = await b.get(member, bookingId);
    expectStatus(response, 200);
    return response.body as Json;
  }

  async function offerExpiryDueAt(bookingId: string): Promise<Date[]> {
    const rows = await db.query<{ deliver_at: Date }[]>(
      `SELECT deliver_at FROM outbox_events WHERE aggregate_id = $1 AND type = 'booking.offer-expiry-due'`,
      [bookingId],
    );
    return rows.map((row) => row.deliver_at);
  }

  const pastOffer = (bookingId: string) =>
    db.query(`UPDATE bookings SET offer_expires_at = now() - interval '1 second' WHERE id = $1`, [
      bookingId,
    ]);
  const pastHold = (bookingId: string) =>
    db.query(`UPDATE bookings SET hold_expires_at = now() - interval '1 second' WHERE id = $1`, [
      bookingId,
    ]);

  it('waitlists a booking on a full session without holding any seat', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 2 });
    await bookAs(0, sessionId, 2, 'pending_payment');
    const waiting = await bookAs(1, sessionId, 1, 'waitlisted');
    expect(waiting).toMatchObject({ holdExpiresAt: null, offerExpiresAt: null, seats: 1 });
    expect(await seatsTaken(db, sessionId)).toBe(2);
    expect(await eventsOf(db, waiting.id as string)).toEqual({ 'booking.waitlisted': 1 });
  });

  it('offers a freed seat to the earliest waitlisted booking for 24 hours, seats_taken staying at capacity', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 1 });
    const held = await bookAs(0, sessionId, 1, 'pending_payment');
    const first = await bookAs(1, sessionId, 1, 'waitlisted');
    const second = await bookAs(2, sessionId, 1, 'waitlisted');

    const before = Date.now();
    expectStatus(await b.cancel(member, held.id as string), 200);

    const offered = await read(first.id as string);
    expect(offered).toMatchObject({ status: 'offered', holdExpiresAt: null });
    const expiresAt = Date.parse(offered.offerExpiresAt as string);
    expect(expiresAt).toBeGreaterThanOrEqual(before + OFFER_MS - 1_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + OFFER_MS + 1_000);
    expect((await read(second.id as string)).status).toBe('waitlisted');
    expect(await seatsTaken(db, sessionId)).toBe(1);

    expect(await eventsOf(db, first.id as string)).toEqual({
      'booking.waitlisted': 1,
      'waitlist.offered': 1,
      'booking.offer-expiry-due': 1,
    });
    expect((await offerExpiryDueAt(first.id as string)).map((at) => at.toISOString())).toEqual([
      offered.offerExpiresAt,
    ]);
    expect(await eventsOf(db, second.id as string)).toEqual({ 'booking.waitlisted': 1 });
    expect(await eventsOf(db, held.id as string)).toEqual({
      'booking.created': 1,
      'booking.hold-expiry-due': 1,
      'booking.cancelled': 1,
    });
  });

  it('skips a waitlisted booking too big for the freed seats and offers them to the next one that fits', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 3 });
    const one = await bookAs(0, sessionId, 1, 'pending_payment');
    const two = await bookAs(1, sessionId, 2, 'pending_payment');
    const three = await bookAs(2, sessionId, 3, 'waitlisted');
    const single = await bookAs(3, sessionId, 1, 'waitlisted');

    expectStatus(await b.cancel(member, one.id as string), 200);
    expect((await read(three.id as string)).status).toBe('waitlisted');
    expect((await read(single.id as string)).status).toBe('offered');
    expect(await seatsTaken(db, sessionId)).toBe(3);

    // Two seats free: still not enough for three, who keeps their place.
    expectStatus(await b.cancel(member, two.id as string), 200);
    expect((await read(three.id as string)).status).toBe('waitlisted');
    expect(await seatsTaken(db, sessionId)).toBe(1);

    // Once all three are free, three gets them.
    expectStatus(await b.cancel(member, single.id as string), 200);
    expect((await read(three.id as string)).status).toBe('offered');
    expect(await seatsTaken(db, sessionId)).toBe(3);
  });

  it('turns an accepted offer into a new hold awaiting payment, once', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 1 });
    const held = await bookAs(0, sessionId, 1, 'pending_payment');
    const waiting = await bookAs(1, sessionId, 1, 'waitlisted');
    expectStatus(await b.cancel(member, held.id as string), 200);

    const before = Date.now();
    const accepted = await b.acceptOffer(member, waiting.id as string);
    expectStatus(accepted, 200);
    expect(accepted.body).toMatchObject({
      id: waiting.id,
      status: 'pending_payment',
      offerExpiresAt: null,
    });
    const hold = Date.parse(accepted.body.holdExpiresAt as string);
    expect(hold).toBeGreaterThanOrEqual(before + HOLD_MS - 1_000);
    expect(hold).toBeLessThanOrEqual(Date.now() + HOLD_MS + 1_000);
    expect(await seatsTaken(db, sessionId)).toBe(1);
    expect(await eventsOf(db, waiting.id as string)).toEqual({
      'booking.waitlisted': 1,
      'waitlist.offered': 1,
      'booking.offer-expiry-due': 1,
      'booking.offer-accepted': 1,
      'booking.hold-expiry-due': 1,
    });

    const state = await sessionState(db, sessionId);
    expectProblem(await b.acceptOffer(member, waiting.id as string), 409, 'no_active_offer');
    expect(await sessionState(db, sessionId)).toEqual(state);
  });

  it('answers 409 no_active_offer to accepting a waitlisted booking, and 404 to another organisation’s member', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 1 });
    const held = await bookAs(0, sessionId, 1, 'pending_payment');
    const first = await bookAs(1, sessionId, 1, 'waitlisted');
    const second = await bookAs(2, sessionId, 1, 'waitlisted');
    expectProblem(await b.acceptOffer(member, first.id as string), 409, 'no_active_offer');
    expectStatus(await b.cancel(member, held.id as string), 200);
    expectProblem(await b.acceptOffer(member, second.id as string), 409, 'no_active_offer');

    const state = await sessionState(db, sessionId);
    expectProblem(await b.acceptOffer(stranger, first.id as string), 404, 'booking_not_found');
    expect(await sessionState(db, sessionId)).toEqual(state);
    expect((await storedBooking(db, first.id as string)).status).toBe('offered');
  });

  it('answers 409 no_active_offer to accepting an offer that has run out, changing nothing', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 1 });
    const held = await bookAs(0, sessionId, 1, 'pending_payment');
    const waiting = await bookAs(1, sessionId, 1, 'waitlisted');
    expectStatus(await b.cancel(member, held.id as string), 200);
    await pastOffer(waiting.id as string);
    const state = await sessionState(db, sessionId);

    const late = await b.acceptOffer(member, waiting.id as string);
    expectProblem(late, 409, 'no_active_offer');
    expect((await storedBooking(db, waiting.id as string)).status).toBe('offered');
    expect(await sessionState(db, sessionId)).toEqual(state);
  });

  it('expires an offer that ran out and passes its seats to the next waitlisted booking; a second run does nothing', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 1 });
    const held = await bookAs(0, sessionId, 1, 'pending_payment');
    const first = await bookAs(1, sessionId, 1, 'waitlisted');
    const second = await bookAs(2, sessionId, 1, 'waitlisted');
    expectStatus(await b.cancel(member, held.id as string), 200);
    await pastOffer(first.id as string);

    expect(await expiry.offer.execute(first.id as string)).toBe('expired');
    expect(await read(first.id as string)).toMatchObject({
      status: 'expired',
      offerExpiresAt: null,
      holdExpiresAt: null,
    });
    const next = await read(second.id as string);
    expect(next.status).toBe('offered');
    expect(Date.parse(next.offerExpiresAt as string)).toBeGreaterThan(
      Date.now() + OFFER_MS - 60_000,
    );
    expect(await seatsTaken(db, sessionId)).toBe(1);
    expect(await eventsOf(db, first.id as string)).toEqual({
      'booking.waitlisted': 1,
      'waitlist.offered': 1,
      'booking.offer-expiry-due': 1,
      'waitlist.offer-expired': 1,
    });

    const state = await sessionState(db, sessionId);
    expect(await expiry.offer.execute(first.id as string)).toBe('skipped');
    expect(await expiry.hold.execute(first.id as string)).toBe('skipped');
    expect(await sessionState(db, sessionId)).toEqual(state);
    expect((await storedBooking(db, second.id as string)).status).toBe('offered');
  });

  it('expires a hold that ran out and frees its seats for the waitlist; a second run does nothing', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 2 });
    const held = await bookAs(0, sessionId, 2, 'pending_payment');
    const waiting = await bookAs(1, sessionId, 1, 'waitlisted');
    await pastHold(held.id as string);

    expect(await expiry.hold.execute(held.id as string)).toBe('expired');
    expect(await read(held.id as string)).toMatchObject({ status: 'expired', holdExpiresAt: null });
    expect((await read(waiting.id as string)).status).toBe('offered');
    expect(await seatsTaken(db, sessionId)).toBe(1);
    expect(await eventsOf(db, held.id as string)).toEqual({
      'booking.created': 1,
      'booking.hold-expiry-due': 1,
      'booking.expired': 1,
    });

    const state = await sessionState(db, sessionId);
    expect(await expiry.hold.execute(held.id as string)).toBe('skipped');
    expect(await sessionState(db, sessionId)).toEqual(state);
  });

  it('never expires a hold or an offer still running', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 1 });
    const held = await bookAs(0, sessionId, 1, 'pending_payment');
    const waiting = await bookAs(1, sessionId, 1, 'waitlisted');
    const state = await sessionState(db, sessionId);
    expect(await expiry.hold.execute(held.id as string)).toBe('skipped');
    expect(await expiry.offer.execute(waiting.id as string)).toBe('skipped');
    expect(await sessionState(db, sessionId)).toEqual(state);
    expect((await storedBooking(db, held.id as string)).status).toBe('pending_payment');
  });

  it('has the sweep expire overdue holds and offers, handing the seats on down the waitlist', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 1 });
    const held = await bookAs(0, sessionId, 1, 'pending_payment');
    const first = await bookAs(1, sessionId, 1, 'waitlisted');
    const second = await bookAs(2, sessionId, 1, 'waitlisted');

    await pastHold(held.id as string);
    await expiry.sweep.execute();
    expect((await storedBooking(db, held.id as string)).status).toBe('expired');
    expect((await storedBooking(db, first.id as string)).status).toBe('offered');

    await pastOffer(first.id as string);
    await expiry.sweep.execute();
    expect((await storedBooking(db, first.id as string)).status).toBe('expired');
    expect((await storedBooking(db, second.id as string)).status).toBe('offered');
    expect(await seatsTaken(db, sessionId)).toBe(1);

    await pastOffer(second.id as string);
    await expiry.sweep.execute();
    expect((await storedBooking(db, second.id as string)).status).toBe('expired');
    expect(await seatsTaken(db, sessionId)).toBe(0);

    const state = await sessionState(db, sessionId);
    await expiry.sweep.execute();
    expect(await sessionState(db, sessionId)).toEqual(state);
  });

  it('never lets an offer outlive registration', async () => {
    const { sessionId } = await insertPublishedSession(db, {
      capacity: 1,
      startsInMs: 6 * HOUR_MS,
      registrationDeadlineInMs: 2 * HOUR_MS,
    });
    const [{ registration_deadline: deadline }] = await db.query<{ registration_deadline: Date }[]>(
      'SELECT registration_deadline FROM sessions WHERE id = $1',
      [sessionId],
    );
    const held = await bookAs(0, sessionId, 1, 'pending_payment');
    const waiting = await bookAs(1, sessionId, 1, 'waitlisted');
    expectStatus(await b.cancel(member, held.id as string), 200);
    expect(await read(waiting.id as string)).toMatchObject({
      status: 'offered',
      offerExpiresAt: deadline.toISOString(),
    });
  });

  it('offers nothing once registration has closed: the freed seats stay free', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 1 });
    const held = await bookAs(0, sessionId, 1, 'pending_payment');
    const waiting = await bookAs(1, sessionId, 1, 'waitlisted');
    await db.query(
      `UPDATE sessions SET registration_deadline = now() - interval '1 minute' WHERE id = $1`,
      [sessionId],
    );
    expectStatus(await b.cancel(member, held.id as string), 200);
    expect((await storedBooking(db, waiting.id as string)).status).toBe('waitlisted');
    expect(await seatsTaken(db, sessionId)).toBe(0);
  });

  it('offers nothing when a waitlisted booking is cancelled: it held no seat', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 1 });
    await bookAs(0, sessionId, 1, 'pending_payment');
    const first = await bookAs(1, sessionId, 1, 'waitlisted');
    const second = await bookAs(2, sessionId, 1, 'waitlisted');
    const cancelled = await b.cancel(member, first.id as string);
    expectStatus(cancelled, 200);
    expect(cancelled.body.refund).toMatchObject({ basis: 'nothing_paid', amountCents: 0 });
    expect((await storedBooking(db, second.id as string)).status).toBe('waitlisted');
    expect(await seatsTaken(db, sessionId)).toBe(1);
  });
});
