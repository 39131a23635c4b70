import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { ExpireHoldUseCase, ExpireOfferUseCase } from '@mutualis/booking';
import { DAY_MS, insertOrganisations, insertPublishedSession } from '@mutualis/testing';
import { registerAndLogIn, TestUser, userWithRoles } from '../support/api-client';
import { expectProblem, expectStatus } from '../support/expectations';
import { ownerSql } from '../support/owner-database';
import { createTestApp } from '../support/test-app';
import {
  attendees,
  bookingApi,
  eventsOf,
  Json,
  sessionState,
  storedBooking,
} from './booking-fixtures';

interface StoredEvent {
  type: string;
  aggregate_type: string;
  payload: Json;
  deliver_at: Date | null;
}

// Every booking change writes exactly one event of its type to the outbox, in the transaction
// of the change: no change without its event, no event without its change.
describe('booking events in the outbox', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  let b: ReturnType<typeof bookingApi>;
  let expiry: { hold: ExpireHoldUseCase; offer: ExpireOfferUseCase };
  let member: TestUser;
  let admin: TestUser;
  let consultant: TestUser;
  let orgs: string[];

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
    b = bookingApi(app);
    expiry = {
      hold: app.get(ExpireHoldUseCase),
      offer: app.get(ExpireOfferUseCase),
    };
    [member, admin, consultant] = await Promise.all([
      registerAndLogIn(app, 'outbox'),
      userWithRoles(app, 'admin', ['admin']),
      userWithRoles(app, 'consultant', ['consultant']),
    ]);
    orgs = await insertOrganisations(db, member.id, 4);
  });

  afterAll(async () => {
    await app.close();
  });

  const bookOn = (sessionId: string, org: number, status: string, seats = 1) =>
    b.booked(member, { organisationId: orgs[org], sessionId, attendees: attendees(seats) }, status);

  async function stored(aggregateId: string, type: string): Promise<StoredEvent[]> {
    return db.query<StoredEvent[]>(
      `SELECT type, aggregate_type, payload, deliver_at FROM outbox_events
        WHERE aggregate_id = $1 AND type = $2`,
      [aggregateId, type],
    );
  }

  it('writes booking.created with its hold-expiry-due at the hold’s end, then booking.confirmed, then booking.cancelled', async () => {
    const { sessionId, offeringId } = await insertPublishedSession(db);
    const booking = await bookOn(sessionId, 0, 'pending_payment', 2);
    const id = booking.id as string;
    expect(await eventsOf(db, id)).toEqual({ 'booking.created': 1, 'booking.hold-expiry-due': 1 });
    const [created] = await stored(id, 'booking.created');
    expect(created).toMatchObject({
      aggregate_type: 'booking',
      deliver_at: null,
      payload: {
        organisationId: orgs[0],
        offeringId,
        sessionId,
        slotId: null,
        status: 'pending_payment',
        totalInclVatCents: booking.totalInclVatCents,
      },
    });
    const [due] = await stored(id, 'booking.hold-expiry-due');
    expect(due.deliver_at?.toISOString()).toBe(booking.holdExpiresAt);
    expect(due.payload).toEqual({ bookingId: id });

    expectStatus(await b.confirm(admin, id, 'cheque'), 200);
    expect(await eventsOf(db, id)).toEqual({
      'booking.created': 1,
      'booking.hold-expiry-due': 1,
      'booking.confirmed': 1,
    });
    expect((await stored(id, 'booking.confirmed'))[0].payload).toMatchObject({
      status: 'confirmed',
      method: 'cheque',
    });

    expectStatus(await b.cancel(member, id), 200);
    expect(await eventsOf(db, id)).toEqual({
      'booking.created': 1,
      'booking.hold-expiry-due': 1,
      'booking.confirmed': 1,
      'booking.cancelled': 1,
    });
    expect((await stored(id, 'booking.cancelled'))[0].payload).toMatchObject({
      status: 'cancelled',
      previousStatus: 'confirmed',
      cancelledBy: member.id,
    });
  });

  it('writes booking.waitlisted, waitlist.offered with its expiry due, booking.expired and the offer’s expiry', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 1 });
    const held = await bookOn(sessionId, 0, 'pending_payment');
    const waiting = await bookOn(sessionId, 1, 'waitlisted');
    expect(await eventsOf(db, waiting.id as string)).toEqual({ 'booking.waitlisted': 1 });

    await db.query(
      `UPDATE bookings SET hold_expires_at = now() - interval '1 second' WHERE id = $1`,
      [held.id],
    );
    expect(await expiry.hold.execute(held.id as string)).toBe('expired');
    expect(await eventsOf(db, held.id as string)).toEqual({
      'booking.created': 1,
      'booking.hold-expiry-due': 1,
      'booking.expired': 1,
    });
    const offered = (await b.get(member, waiting.id as string)).body as Json;
    expect(offered.status).toBe('offered');
    expect(await eventsOf(db, waiting.id as string)).toEqual({
      'booking.waitlisted': 1,
      'waitlist.offered': 1,
      'booking.offer-expiry-due': 1,
    });
    const [offer] = await stored(waiting.id as string, 'waitlist.offered');
    expect(offer.payload).toMatchObject({
      status: 'offered',
      offerExpiresAt: offered.offerExpiresAt,
    });
    const [due] = await stored(waiting.id as string, 'booking.offer-expiry-due');
    expect(due.deliver_at?.toISOString()).toBe(offered.offerExpiresAt);

    await db.query(
      `UPDATE bookings SET offer_expires_at = now() - interval '1 second' WHERE id = $1`,
      [waiting.id],
    );
    expect(await expiry.offer.execute(waiting.id as string)).toBe('expired');
    expect(await eventsOf(db, waiting.id as string)).toEqual({
      'booking.waitlisted': 1,
      'waitlist.offered': 1,
      'booking.offer-expiry-due': 1,
      'waitlist.offer-expired': 1,
    });
  });

  it('writes session.cancelled once on the session and booking.cancelled once per booking', async () => {
    const { sessionId } = await insertPublishedSession(db, {
      capacity: 1,
      consultantId: consultant.id,
    });
    const held = await bookOn(sessionId, 0, 'pending_payment');
    const waiting = await bookOn(sessionId, 1, 'waitlisted');
    expectStatus(
      await b.cancelSession(consultant, sessionId, { reason: 'Salle indisponible' }),
      200,
    );
    const [cancelled] = await stored(sessionId, 'session.cancelled');
    expect(cancelled).toMatchObject({
      aggregate_type: 'session',
      payload: { cancelledBy: consultant.id },
    });
    expect(await eventsOf(db, sessionId)).toEqual({ 'session.cancelled': 1 });
    expect(await eventsOf(db, held.id as string)).toEqual({
      'booking.created': 1,
      'booking.hold-expiry-due': 1,
      'booking.cancelled': 1,
    });
    expect(await eventsOf(db, waiting.id as string)).toEqual({
      'booking.waitlisted': 1,
      'booking.cancelled': 1,
    });
  });

  it('writes nothing for a refused request', async () => {
    const { sessionId } = await insertPublishedSession(db, {
      capacity: 1,
      maxSeatsPerOrganisation: 1,
      startsInMs: 5 * DAY_MS,
    });
    const held = await bookOn(sessionId, 0, 'pending_payment');
    const waiting = await bookOn(sessionId, 1, 'waitlisted');
    const state = await sessionState(db, sessionId);

    const refusals = [
      await b.book(member, { organisationId: orgs[0], sessionId, attendees: attendees(1) }),
      await b.book(member, { organisationId: orgs[2], sessionId, attendees: attendees(2) }),
      await b.acceptOffer(member, waiting.id as string),
      await b.confirm(member, held.id as string),
      await b.confirm(admin, waiting.id as string),
      await b.cancel(member, held.id as string, { unknown: true }),
    ];
    expect(refusals.map((response) => response.status)).toEqual([422, 422, 409, 403, 409, 400]);
    expect(await sessionState(db, sessionId)).toEqual(state);
  });

  it('keeps a change and its event together: when the event cannot be written, the change is undone', async () => {
    const { sessionId } = await insertPublishedSession(db);
    const booking = await bookOn(sessionId, 0, 'pending_payment');
    // Makes the outbox refuse this one booking's confirmation event.
    const name = `outbox_refuse_${(booking.id as string).replace(/-/g, '')}`;
    // As the owner: the application role may not add a trigger.
    await ownerSql(
      `CREATE FUNCTION ${name}() RETURNS trigger
         LANGUAGE plpgsql AS $$
         BEGIN
           IF NEW.aggregate_id = '${booking.id as string}' AND NEW.type = 'booking.confirmed' THEN
             RAISE EXCEPTION 'outbox unavailable (test)';
           END IF;
           RETURN NEW;
         END $$`,
    );
    await ownerSql(
      `CREATE TRIGGER ${name} BEFORE INSERT ON outbox_events FOR EACH ROW EXECUTE FUNCTION ${name}()`,
    );
    try {
      const response = await b.confirm(admin, booking.id as string, 'cheque');
      expectProblem(response, 500, 'internal_error');
    } finally {
      await ownerSql(`DROP TRIGGER ${name} ON outbox_events`);
      await ownerSql(`DROP FUNCTION ${name}()`);
    }
    expect((await storedBooking(db, booking.id as string)).status).toBe('pending_payment');
    expect(await eventsOf(db, booking.id as string)).toEqual({
      'booking.created': 1,
      'booking.hold-expiry-due': 1,
    });
    // Once the outbox works again, the same confirmation goes through with its event.
    expectStatus(await b.confirm(admin, booking.id as string, 'cheque'), 200);
    expect((await eventsOf(db, booking.id as string))['booking.confirmed']).toBe(1);
  });
});
