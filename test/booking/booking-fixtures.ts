import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { TestUser } from '../support/api-client';
import { expectStatus } from '../support/expectations';

/** Helpers shared by the booking end-to-end specs (this folder only). */

export const bearer = { type: 'bearer' } as const;
export const HOUR_MS = 3_600_000;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/**
 * A creating answer as reading the booking shows it: only the creating answer carries the
 * unpaid-places allowance left to its caller.
 */
export function asRead(created: Json): Json {
  const { unpaidPlaces: _allowance, ...booking } = created;
  return booking;
}

/** `count` attendees with e-mails no other booking uses. */
export function attendees(count: number, label = 'p'): { name: string; email: string }[] {
  const tag = randomBytes(4).toString('hex');
  return Array.from({ length: count }, (_, index) => ({
    name: `Participant ${label} ${index + 1}`,
    email: `${label}${index + 1}-${tag}@test.mutualis.fr`,
  }));
}

/** The calendar date (YYYY-MM-DD) of an instant in Paris. */
export function parisDateOf(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** Whole calendar days in Paris from one instant's date to another's. */
export function parisDaysBetween(from: Date, to: Date): number {
  const day = (instant: Date) => Date.parse(`${parisDateOf(instant)}T00:00:00Z`);
  return Math.round((day(to) - day(from)) / 86_400_000);
}

export const currentParisYear = Number(
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric' }).format(
    new Date(),
  ),
);

/** Outbox events written for an aggregate, as `{type: count}`. */
export async function eventsOf(
  db: DataSource,
  aggregateId: string,
): Promise<Record<string, number>> {
  const rows = await db.query<{ type: string; n: number }[]>(
    `SELECT type, count(*)::int AS n FROM outbox_events WHERE aggregate_id = $1 GROUP BY type`,
    [aggregateId],
  );
  return Object.fromEntries(rows.map((row) => [row.type, row.n]));
}

/**
 * What a session holds: its seats taken, its bookings, and the outbox events about it or its
 * bookings. A refusal must leave all three unchanged (other files write to the same database
 * meanwhile, so the counts are per session).
 */
export async function sessionState(
  db: DataSource,
  sessionId: string,
): Promise<{ seatsTaken: number; bookings: number; events: number }> {
  const [row] = await db.query<{ seats_taken: number; bookings: number; events: number }[]>(
    `SELECT s.seats_taken,
            (SELECT count(*)::int FROM bookings b WHERE b.session_id = s.id) AS bookings,
            (SELECT count(*)::int FROM outbox_events e
              WHERE e.aggregate_id = s.id
                 OR e.payload ->> 'sessionId' = s.id::text
                 OR e.aggregate_id IN (SELECT id FROM bookings b WHERE b.session_id = s.id)) AS events
       FROM sessions s WHERE s.id = $1`,
    [sessionId],
  );
  return { seatsTaken: row.seats_taken, bookings: row.bookings, events: row.events };
}

/** An organisation's bookings and the events about them. */
export async function organisationState(
  db: DataSource,
  organisationId: string,
): Promise<{ bookings: number; events: number }> {
  const [row] = await db.query<{ bookings: number; events: number }[]>(
    `SELECT (SELECT count(*)::int FROM bookings WHERE organisation_id = $1) AS bookings,
            (SELECT count(*)::int FROM outbox_events
              WHERE payload ->> 'organisationId' = $1::text
                 OR aggregate_id IN (SELECT id FROM bookings WHERE organisation_id = $1)) AS events`,
    [organisationId],
  );
  return row;
}

/** A booking's status and its expiries, as stored. */
export async function storedBooking(
  db: DataSource,
  bookingId: string,
): Promise<{ status: string; hold_expires_at: Date | null; offer_expires_at: Date | null }> {
  const [row] = await db.query<
    { status: string; hold_expires_at: Date | null; offer_expires_at: Date | null }[]
  >(`SELECT status, hold_expires_at, offer_expires_at FROM bookings WHERE id = $1`, [bookingId]);
  return row;
}

export async function seatsTaken(db: DataSource, sessionId: string): Promise<number> {
  const [row] = await db.query<{ seats_taken: number }[]>(
    `SELECT seats_taken FROM sessions WHERE id = $1`,
    [sessionId],
  );
  return row.seats_taken;
}

/** Moves a session so that it began `agoMs` ago (its deadline before), for attendance. */
export async function startSession(
  db: DataSource,
  sessionId: string,
  agoMs = HOUR_MS,
): Promise<void> {
  await db.query(
    `UPDATE sessions
        SET starts_at = now() - $2 * interval '1 millisecond',
            registration_deadline = now() - ($2 + 60000) * interval '1 millisecond',
            ends_at = now() + interval '6 hours'
      WHERE id = $1`,
    [sessionId, agoMs],
  );
}

/** A published consultation offering of the consultant (slots are opened through the api). */
export async function insertConsultationOffering(
  db: DataSource,
  consultantId: string,
  options: { memberPriceCents?: number; nonMemberPriceCents?: number } = {},
): Promise<string> {
  const [{ id }] = await db.query<{ id: string }[]>(
    `INSERT INTO offerings (consultant_id, category_id, title, summary, description, kind, delivery_mode, departments,
                            duration_minutes, member_price_cents, non_member_price_cents, vat_treatment,
                            cancellation_policy, status, published_at)
     SELECT $1, id, 'Consultation de test', 'Résumé', 'Description', 'consultation', 'remote', '{13}', 60, $2, $3,
            'standard', '{"tiers":[{"daysBefore":2,"refundPercent":100}]}', 'published', now()
       FROM categories WHERE slug = 'juridique'
     RETURNING id`,
    [consultantId, options.memberPriceCents ?? 9_000, options.nonMemberPriceCents ?? 12_000],
  );
  return id;
}

/** Calls to the booking routes; each returns the raw response for the test to check. */
export function bookingApi(app: INestApplication) {
  const api = () => request(app.getHttpServer());

  function book(user: TestUser, body: Json, idempotencyKey?: string) {
    const call = api().post('/api/bookings').auth(user.accessToken, bearer);
    if (idempotencyKey !== undefined) call.set('Idempotency-Key', idempotencyKey);
    return call.send(body);
  }

  /** Books and checks it was created (201); answers the booking. */
  async function booked(user: TestUser, body: Json, status?: string): Promise<Json> {
    const response = await book(user, body);
    expectStatus(response, 201);
    if (status) expect(response.body.status).toBe(status);
    return response.body as Json;
  }

  const get = (user: TestUser, bookingId: string) =>
    api().get(`/api/bookings/${bookingId}`).auth(user.accessToken, bearer);

  const list = (user: TestUser, query: Json = {}) =>
    api().get('/api/bookings').query(query).auth(user.accessToken, bearer);

  const cancel = (user: TestUser, bookingId: string, body: Json = {}) =>
    api().post(`/api/bookings/${bookingId}/cancel`).auth(user.accessToken, bearer).send(body);

  const confirm = (user: TestUser, bookingId: string, method = 'cheque') =>
    api()
      .post(`/api/bookings/${bookingId}/confirm`)
      .auth(user.accessToken, bearer)
      .send({ method });

  const acceptOffer = (user: TestUser, bookingId: string) =>
    api().post(`/api/bookings/${bookingId}/accept-offer`).auth(user.accessToken, bearer);

  const cancelSession = (user: TestUser, sessionId: string, body: Json = {}) =>
    api().post(`/api/sessions/${sessionId}/cancel`).auth(user.accessToken, bearer).send(body);

  const attendeesOf = (user: TestUser, sessionId: string) =>
    api().get(`/api/sessions/${sessionId}/attendees`).auth(user.accessToken, bearer);

  const markAttendance = (user: TestUser, sessionId: string, marks: Json[]) =>
    api()
      .post(`/api/sessions/${sessionId}/attendance`)
      .auth(user.accessToken, bearer)
      .send({ attendees: marks });

  return {
    api,
    book,
    booked,
    get,
    list,
    cancel,
    confirm,
    acceptOffer,
    cancelSession,
    attendeesOf,
    markAttendance,
  };
}
