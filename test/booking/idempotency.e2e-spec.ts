import { randomUUID } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { DAY_MS, insertOrganisations, insertPublishedSession } from '@mutualis/testing';
import { registerAndLogIn, TestUser } from '../support/api-client';
import { expectProblem, expectStatus, fieldsOf } from '../support/expectations';
import { createTestApp } from '../support/test-app';
import { attendees, bookingApi, eventsOf, Json, sessionState } from './booking-fixtures';

// POST /bookings with an Idempotency-Key: a replay answers the first response and books nothing
// more, even when the replays arrive together; keys belong to one user.
describe('booking with an Idempotency-Key', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  let b: ReturnType<typeof bookingApi>;
  let member: TestUser;
  let other: TestUser;
  let org: string;
  let otherOrg: string;

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
    b = bookingApi(app);
    [member, other] = await Promise.all([
      registerAndLogIn(app, 'idem'),
      registerAndLogIn(app, 'idem-other'),
    ]);
    [org] = await insertOrganisations(db, member.id, 1);
    [otherOrg] = await insertOrganisations(db, other.id, 1);
  });

  afterAll(async () => {
    await app.close();
  });

  const body = (organisationId: string, sessionId: string, seats = 1): Json => ({
    organisationId,
    sessionId,
    attendees: attendees(seats),
  });

  it('answers a replay with the first status and body, marked Idempotent-Replayed, and books once', async () => {
    const { sessionId } = await insertPublishedSession(db);
    const key = randomUUID();
    const request = body(org, sessionId, 2);

    const first = await b.book(member, request, key);
    expectStatus(first, 201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const afterFirst = await sessionState(db, sessionId);
    expect(afterFirst).toMatchObject({ seatsTaken: 2, bookings: 1 });

    const replay = await b.book(member, request, key);
    expectStatus(replay, 201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);

    // The same fields in another order are the same request.
    const reordered = {
      attendees: request.attendees.map((attendee: Json) => ({
        email: attendee.email,
        name: attendee.name,
      })),
      sessionId,
      organisationId: org,
    };
    const again = await b.book(member, reordered, key);
    expectStatus(again, 201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);

    expect(await sessionState(db, sessionId)).toEqual(afterFirst);
    expect(await eventsOf(db, first.body.id as string)).toEqual({
      'booking.created': 1,
      'booking.hold-expiry-due': 1,
    });
  });

  it('answers the first response even after the booking changed since', async () => {
    const { sessionId } = await insertPublishedSession(db);
    const key = randomUUID();
    const request = body(org, sessionId);
    const first = await b.book(member, request, key);
    expectStatus(first, 201);
    expectStatus(await b.cancel(member, first.body.id as string), 200);

    const replay = await b.book(member, request, key);
    expectStatus(replay, 201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(await sessionState(db, sessionId)).toMatchObject({ seatsTaken: 0, bookings: 1 });
  });

  it('replays a waitlisted answer as well', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 1 });
    await b.booked(other, body(otherOrg, sessionId), 'pending_payment');
    const key = randomUUID();
    const request = body(org, sessionId);
    const first = await b.book(member, request, key);
    expect(first.body.status).toBe('waitlisted');
    const replay = await b.book(member, request, key);
    expect({ status: replay.status, body: replay.body }).toEqual({ status: 201, body: first.body });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await sessionState(db, sessionId)).toMatchObject({ seatsTaken: 1, bookings: 2 });
    expect(await eventsOf(db, first.body.id as string)).toEqual({ 'booking.waitlisted': 1 });
  });

  it('creates exactly one booking for 10 simultaneous requests with the same key, all answering its id', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 5 });
    const key = randomUUID();
    const request = body(org, sessionId);

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => b.book(member, request, key)),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(201));
    const ids = new Set(responses.map((response) => response.body.id as string));
    expect(ids.size).toBe(1);
    expect(
      responses.filter((response) => response.headers['idempotent-replayed'] === 'true'),
    ).toHaveLength(9);
    const [id] = [...ids];
    expect(await sessionState(db, sessionId)).toMatchObject({ seatsTaken: 1, bookings: 1 });
    expect(await eventsOf(db, id)).toEqual({ 'booking.created': 1, 'booking.hold-expiry-due': 1 });
  });

  it('answers 422 idempotency_key_reused to the same key with another body, and books nothing', async () => {
    const { sessionId } = await insertPublishedSession(db);
    const { sessionId: elsewhere } = await insertPublishedSession(db);
    const key = randomUUID();
    const request = body(org, sessionId);
    expectStatus(await b.book(member, request, key), 201);
    const before = await sessionState(db, sessionId);
    const beforeElsewhere = await sessionState(db, elsewhere);

    const otherAttendee = await b.book(member, { ...request, attendees: attendees(1) }, key);
    expectProblem(otherAttendee, 422, 'idempotency_key_reused');
    expect(fieldsOf(otherAttendee)).toEqual(['Idempotency-Key']);
    const otherSession = await b.book(member, { ...request, sessionId: elsewhere }, key);
    expectProblem(otherSession, 422, 'idempotency_key_reused');

    expect(await sessionState(db, sessionId)).toEqual(before);
    expect(await sessionState(db, elsewhere)).toEqual(beforeElsewhere);
  });

  it('keeps keys per user: another user’s request with the same key is a new booking', async () => {
    const { sessionId } = await insertPublishedSession(db);
    const key = `shared-${randomUUID()}`;
    const mine = await b.book(member, body(org, sessionId), key);
    const theirs = await b.book(other, body(otherOrg, sessionId), key);
    expectStatus(mine, 201);
    expectStatus(theirs, 201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body).toMatchObject({ organisationId: otherOrg, status: 'pending_payment' });
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await sessionState(db, sessionId)).toMatchObject({ seatsTaken: 2, bookings: 2 });
  });

  it('answers 400 to a malformed key (too long, with a space, empty) and books nothing', async () => {
    const { sessionId } = await insertPublishedSession(db);
    for (const key of ['k'.repeat(256), 'x'.repeat(300), 'two words', '']) {
      const response = await b.book(member, body(org, sessionId), key);
      expectProblem(response, 400, 'validation_failed');
      expect({ key, fields: fieldsOf(response) }).toEqual({ key, fields: ['Idempotency-Key'] });
    }
    expect(await sessionState(db, sessionId)).toEqual({ seatsTaken: 0, bookings: 0, events: 0 });
    // 255 visible characters is the longest key accepted.
    expectStatus(await b.book(member, body(org, sessionId), 'k'.repeat(255)), 201);
  });

  it('leaves no trace of a refused first attempt: the key can then be used for a valid request', async () => {
    const { sessionId: closed } = await insertPublishedSession(db, {
      startsInMs: 2 * DAY_MS,
      registrationDeadlineInMs: -60_000,
    });
    const { sessionId: open } = await insertPublishedSession(db);
    const key = randomUUID();
    expectProblem(await b.book(member, body(org, closed), key), 422, 'registration_closed');
    const retried = await b.book(member, body(org, open), key);
    expectStatus(retried, 201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.body).toMatchObject({ sessionId: open, status: 'pending_payment' });
  });
});
