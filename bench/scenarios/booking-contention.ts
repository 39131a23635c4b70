import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import { Pool, PoolClient } from 'pg';
import { parisYear } from '../../libs/core/src/clock/clock';
import { requestHash } from '../../libs/core/src/idempotency/idempotency.service';
import { priceBooking } from '../../libs/booking/src/use-cases/book/booking-price';
import type { VatTreatment } from '../../libs/catalogue/src/vat-regimes';
import { ScenarioResult } from '../scenario';
import { benchDatabaseUrl, connect, disposeDatabase, freshDatabase } from '../support/database';
import { BuiltProcess, startBuilt } from '../support/processes';
import { median, round } from '../support/stats';
import { formatTable } from '../support/table';
import { nthSiret } from '../support/siret';

/*
 * Booking under contention (issue 10, scenario 2), against the production build of the api
 * (dist/, NODE_ENV=production, default pool of 10 connections; bookings need no worker).
 *
 * Seed: 50 published trainings (every 5th limits an organisation to 2 seats per session),
 * 1,000 organisations (half of them members), each with its org admin, a live login session
 * and an access token signed with the api's secret. Each of the 3 runs takes fresh sessions:
 *  - the rush: 1,000 POST /api/bookings sent at once on 1,000 open keep-alive connections,
 *    20 per session of 20 seats, 1 to 3 attendees each (about twice the seats there are), each
 *    with its own Idempotency-Key; then the proof from the database, per session: seats held ≤
 *    capacity, the seat counter equals the seats its bookings hold, no waitlisted booking would
 *    have fitted in the seats left, one outbox event per waitlisted booking and two per hold,
 *    and exactly the bookings and seats the answers announced; refusals only for the limit;
 *  - uncontended: 250 bookings over 100 sessions with free seats, 4 in flight, through the api,
 *    then the same with BookUseCase's transaction as plain SQL with `pg` (the baseline).
 * Medians of the 3 runs; BENCH_QUICK=1 shrinks it to 200 attempts over 10 sessions.
 */

export const description =
  'Booking under contention: 1,000 concurrent POST /api/bookings over 50 sessions of 20 seats (capacity proof), and uncontended bookings/s against the same transaction run with pg';

const NAME = 'booking-contention';
const DATABASE = 'mutualis_bench_booking';
const REDIS_PREFIX = `mutualis-bench-${NAME}`;
const QUICK = process.env.BENCH_QUICK === '1';

/** Sizes: the issue's (1,000 attempts over 50 sessions of 20 seats), or a small check. */
const SIZES = QUICK
  ? { sessions: 10, capacity: 20, attempts: 200, uncontended: 100, uncontendedSessions: 25 }
  : { sessions: 50, capacity: 20, attempts: 1_000, uncontended: 250, uncontendedSessions: 100 };
const RUNS = 3;
/** Bookings in flight at once in the uncontended measure (api and baseline alike). */
const UNCONTENDED_CONCURRENCY = 4;
/** Capacity of the uncontended sessions: each receives a few bookings and never fills. */
const UNCONTENDED_CAPACITY = 100;
const WARM_UP = QUICK ? 50 : 100;
/** Every 5th offering limits an organisation to 2 seats per session: its 3-seat requests are refused. */
const LIMITED_EVERY = 5;
const ORGANISATION_SEAT_LIMIT = 2;
/** The api's default (DATABASE_POOL_SIZE); the baseline's pool has the same size. */
const POOL_SIZE = 10;
const HOLD_SECONDS = 1800;
const HELD = ['pending_payment', 'offered', 'confirmed', 'attended', 'no_show'];

interface Booker {
  userId: string;
  organisationId: string;
  token: string;
}

interface SessionRow {
  id: string;
  offeringIndex: number;
}

/** One booking attempt: who books what, with which key. */
interface Attempt {
  booker: Booker;
  sessionId: string;
  seats: number;
  key: string;
  body: string;
  /** The parsed body, for the baseline's idempotency hash (same as the api's). */
  payload: {
    organisationId: string;
    sessionId: string;
    attendees: { name: string; email: string }[];
  };
}

interface Answer {
  status: number;
  /** Booking status on 201, the problem's code otherwise. */
  outcome: string;
  bookingId: string | null;
  seats: number;
  ms: number;
}

const siret = (n: number): string => nthSiret(n, 2_000_000_000_000);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// --- Seed ------------------------------------------------------------------------------------

interface Seeded {
  bookers: Booker[];
  offerings: { id: string; limited: boolean }[];
}

/**
 * One consultant, the offerings (every 5th with a per-organisation seat limit), and one
 * organisation per booker: each booker is its org admin, with a live login session (a refresh
 * token family) and an access token signed the way the api signs them. Half the organisations
 * are members (member price), half not.
 */
async function seed(url: string, secret: string): Promise<Seeded> {
  const client = await connect(url, `bench-${NAME}-seed`);
  try {
    const count = SIZES.attempts;
    const [{ id: consultantId }] = (
      await client.query<{ id: string }>(
        `INSERT INTO users (email, name, password_hash, platform_roles)
         VALUES ('formatrice@bench.mutualis.fr', 'Formatrice du bench', 'x', '{consultant}') RETURNING id`,
      )
    ).rows;
    const { rows: offerings } = await client.query<{ id: string; limited: boolean }>(
      `INSERT INTO offerings (consultant_id, category_id, title, summary, description, kind, delivery_mode, departments,
                              duration_minutes, member_price_cents, non_member_price_cents, vat_treatment,
                              cancellation_policy, max_seats_per_organisation, status, published_at)
       SELECT $1, c.id, 'Formation ' || n || ' : gérer une association employeuse', 'Résumé', 'Description',
              'training', 'on_site', '{13}', 420, 18000 + n * 100, 26000 + n * 100,
              CASE WHEN n % 2 = 0 THEN 'standard' ELSE 'exempt_training' END,
              '{"tiers":[{"daysBefore":14,"refundPercent":100},{"daysBefore":7,"refundPercent":50}]}',
              CASE WHEN n % $3 = 0 THEN $4::int END, 'published', now()
         FROM categories c, generate_series(1, $2) AS n
        WHERE c.slug = 'formation'
        ORDER BY n
       RETURNING id, max_seats_per_organisation IS NOT NULL AS limited`,
      [consultantId, SIZES.sessions, LIMITED_EVERY, ORGANISATION_SEAT_LIMIT],
    );
    const { rows: users } = await client.query<{ id: string; n: number }>(
      `INSERT INTO users (email, name, password_hash, email_verified_at)
       SELECT 'booker-' || n || '@bench.mutualis.fr', 'Adhérent ' || n, 'x', now() FROM generate_series(1, $1) AS n
       RETURNING id, substring(email FROM 'booker-([0-9]+)@')::int AS n`,
      [count],
    );
    users.sort((a, b) => a.n - b.n);
    const { rows: organisations } = await client.query<{ id: string; n: number }>(
      `INSERT INTO organisations (legal_name, legal_form, siret, address_line1, postal_code, city, department, billing_email)
       SELECT 'Association Garrigue ' || n, 'association', siret, '1 rue de la République', '13001', 'Marseille', '13',
              'compta' || n || '@bench.mutualis.fr'
         FROM unnest($1::text[]) WITH ORDINALITY AS t(siret, n)
       RETURNING id, substring(legal_name FROM '([0-9]+)$')::int AS n`,
      [users.map((user) => siret(user.n))],
    );
    organisations.sort((a, b) => a.n - b.n);
    const organisationIds = organisations.map((organisation) => organisation.id);
    const userIds = users.map((user) => user.id);
    await client.query(
      `INSERT INTO organisation_members (organisation_id, user_id, role)
       SELECT unnest($1::uuid[]), unnest($2::uuid[]), 'org_admin'`,
      [organisationIds, userIds],
    );
    await client.query(
      `INSERT INTO memberships (organisation_id, year, status, fee_cents)
       SELECT o, y, 'active', 10000
         FROM unnest($1::uuid[]) WITH ORDINALITY AS t(o, n),
              generate_series(extract(year FROM now() AT TIME ZONE 'Europe/Paris')::int,
                              extract(year FROM now() AT TIME ZONE 'Europe/Paris')::int + 1) AS y
        WHERE n % 2 = 0`,
      [organisationIds],
    );
    const { rows: families } = await client.query<{ user_id: string; family_id: string }>(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
       SELECT u, gen_random_uuid(), md5(random()::text) || md5(random()::text), now() + interval '1 day'
         FROM unnest($1::uuid[]) AS u
       RETURNING user_id, family_id`,
      [userIds],
    );
    const familyOf = new Map(families.map((row) => [row.user_id, row.family_id]));
    const jwt = new JwtService({
      secret,
      signOptions: { algorithm: 'HS256', issuer: 'mutualis', audience: 'mutualis-api' },
    });
    const bookers = users.map((user, index) => ({
      userId: user.id,
      organisationId: organisationIds[index],
      token: jwt.sign({ sub: user.id, sid: familyOf.get(user.id)! }, { expiresIn: 3600 }),
    }));
    return { bookers, offerings };
  } finally {
    await client.end();
  }
}

/** Fresh sessions, one per offering in turn, starting in 30 + `day` days (registration closes 3 days before). */
async function createSessions(
  url: string,
  offerings: Seeded['offerings'],
  count: number,
  capacity: number,
  day: number,
): Promise<SessionRow[]> {
  const client = await connect(url, `bench-${NAME}-sessions`);
  try {
    const { rows } = await client.query<{ id: string; offering_id: string }>(
      `INSERT INTO sessions (offering_id, starts_at, ends_at, registration_deadline, capacity, location)
       SELECT ($1::uuid[])[1 + (n - 1) % cardinality($1::uuid[])],
              now() + make_interval(days => 30 + $4) + make_interval(hours => n),
              now() + make_interval(days => 30 + $4) + make_interval(hours => n + 7),
              now() + make_interval(days => 27 + $4),
              $3, 'Cité des associations, Marseille'
         FROM generate_series(1, $2) AS n
       RETURNING id, offering_id`,
      [offerings.map((offering) => offering.id), count, capacity, day],
    );
    const position = new Map(offerings.map((offering, index) => [offering.id, index]));
    return rows.map((row) => ({ id: row.id, offeringIndex: position.get(row.offering_id)! }));
  } finally {
    await client.end();
  }
}

// --- Attempts --------------------------------------------------------------------------------

function attemptsFor(
  label: string,
  bookers: Booker[],
  sessions: SessionRow[],
  count: number,
  seatsOf: (index: number) => number,
): Attempt[] {
  return Array.from({ length: count }, (_, index) => {
    const booker = bookers[index % bookers.length];
    const session = sessions[index % sessions.length];
    const seats = seatsOf(index);
    const tag = randomBytes(3).toString('hex');
    const payload = {
      organisationId: booker.organisationId,
      sessionId: session.id,
      attendees: Array.from({ length: seats }, (_, position) => ({
        name: `Participant ${position + 1}`,
        email: `p${position + 1}-${label}-${index}-${tag}@bench.mutualis.fr`,
      })),
    };
    return {
      booker,
      sessionId: session.id,
      seats,
      key: `${label}-${index}-${randomUUID()}`,
      body: JSON.stringify(payload),
      payload,
    };
  });
}

// --- Through the api -------------------------------------------------------------------------

function send(
  agent: Agent,
  port: number,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const call = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: body
          ? {
              ...headers,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            }
          : headers,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: Number(process.hrtime.bigint() - start) / 1e6,
          }),
        );
        response.on('error', reject);
      },
    );
    call.on('error', reject);
    call.end(body);
  });
}

async function bookThroughApi(agent: Agent, port: number, attempt: Attempt): Promise<Answer> {
  try {
    const answer = await send(
      agent,
      port,
      'POST',
      '/api/bookings',
      { authorization: `Bearer ${attempt.booker.token}`, 'idempotency-key': attempt.key },
      attempt.body,
    );
    let parsed: { id?: string; status?: unknown; code?: string } = {};
    try {
      parsed = JSON.parse(answer.text) as typeof parsed;
    } catch {
      parsed = {};
    }
    return {
      status: answer.status,
      outcome:
        answer.status === 201 ? String(parsed.status) : `${answer.status} ${parsed.code ?? '?'}`,
      bookingId: answer.status === 201 ? (parsed.id ?? null) : null,
      seats: attempt.seats,
      ms: answer.ms,
    };
  } catch (error) {
    return {
      status: 0,
      outcome: `network ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      bookingId: null,
      seats: attempt.seats,
      ms: Number.NaN,
    };
  }
}

/** Opens `count` keep-alive connections (one health check each in flight at once) before a burst. */
async function openConnections(agent: Agent, port: number, count: number): Promise<number> {
  const start = performance.now();
  await Promise.all(
    Array.from({ length: count }, () => send(agent, port, 'GET', '/api/health', {})),
  );
  return performance.now() - start;
}

// --- The baseline: the use case's transaction as plain SQL with pg --------------------------

class Refused extends Error {}

/**
 * What BookUseCase does for a session booking, statement for statement where it matters, with
 * no framework: the membership check, then in one transaction the idempotency claim, the session
 * row lock (with its offering, in one statement), the checks, the per-organisation limit, the
 * conditional seat update, the membership price, the booking and its attendees, its two outbox
 * events (created, and the hold's expiry), and the stored response.
 */
async function bookWithPg(pool: Pool, attempt: Attempt): Promise<Answer> {
  const start = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - start) / 1e6;
  const client: PoolClient = await pool.connect();
  let open = false;
  try {
    const member = await client.query(
      `SELECT role FROM organisation_members WHERE organisation_id = $1 AND user_id = $2`,
      [attempt.booker.organisationId, attempt.booker.userId],
    );
    if (member.rowCount !== 1) throw new Refused('organisation_not_found');
    await client.query('BEGIN');
    open = true;
    const claimed = await client.query<{ id: string }>(
      `INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body)
       VALUES ($1, $2, $3, 0, 'null') ON CONFLICT (scope, key) DO NOTHING RETURNING id`,
      [`user:${attempt.booker.userId}:POST /bookings`, attempt.key, requestHash(attempt.payload)],
    );
    if (claimed.rowCount !== 1) throw new Refused('replay');
    const { rows: locked } = await client.query<{
      status: string;
      starts_at: Date;
      registration_deadline: Date;
      capacity: number;
      offering_id: string;
      offering_status: string;
      member_price_cents: string;
      non_member_price_cents: string;
      vat_treatment: VatTreatment;
      cancellation_policy: unknown;
      max_seats_per_organisation: number | null;
    }>(
      `SELECT s.status, s.starts_at, s.registration_deadline, s.capacity, o.id AS offering_id,
              o.status AS offering_status, o.member_price_cents, o.non_member_price_cents, o.vat_treatment,
              o.cancellation_policy, o.max_seats_per_organisation
         FROM sessions s JOIN offerings o ON o.id = s.offering_id
        WHERE s.id = $1 FOR NO KEY UPDATE OF s`,
      [attempt.sessionId],
    );
    const session = locked[0];
    const now = new Date();
    if (!session || session.offering_status !== 'published') throw new Refused('session_not_found');
    if (session.status !== 'scheduled' || session.starts_at <= now)
      throw new Refused('session_not_bookable');
    if (session.registration_deadline <= now) throw new Refused('registration_closed');
    if (attempt.seats > session.capacity) throw new Refused('more_seats_than_capacity');
    if (session.max_seats_per_organisation !== null) {
      const { rows } = await client.query<{ seats: number }>(
        `SELECT coalesce(sum(seats), 0)::int AS seats FROM bookings
          WHERE session_id = $1 AND organisation_id = $2
            AND status IN ('pending_payment', 'offered', 'confirmed', 'waitlisted', 'attended', 'no_show')`,
        [attempt.sessionId, attempt.booker.organisationId],
      );
      if (rows[0].seats + attempt.seats > session.max_seats_per_organisation)
        throw new Refused('organisation_seat_limit');
    }
    const seated =
      (
        await client.query(
          `UPDATE sessions SET seats_taken = seats_taken + $2, updated_at = now()
            WHERE id = $1 AND status = 'scheduled' AND seats_taken + $2 <= capacity`,
          [attempt.sessionId, attempt.seats],
        )
      ).rowCount === 1;
    const membership = await client.query(
      `SELECT status FROM memberships WHERE organisation_id = $1 AND year = $2`,
      [attempt.booker.organisationId, parisYear(session.starts_at)],
    );
    const isMember = membership.rows[0]?.status === 'active';
    const price = priceBooking(
      Number(isMember ? session.member_price_cents : session.non_member_price_cents),
      attempt.seats,
      session.vat_treatment,
    );
    const holdExpiresAt = seated
      ? new Date(Math.min(now.getTime() + HOLD_SECONDS * 1000, session.starts_at.getTime()))
      : null;
    const { rows: bookings } = await client.query<Record<string, unknown> & { id: string }>(
      `INSERT INTO bookings (organisation_id, booked_by, offering_id, session_id, seats, status, unit_price_cents,
                             member_price, vat_treatment, vat_rate_basis_points, total_excl_vat_cents,
                             total_vat_cents, total_incl_vat_cents, cancellation_policy, service_starts_at,
                             hold_expires_at, waitlisted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       RETURNING *`,
      [
        attempt.booker.organisationId,
        attempt.booker.userId,
        session.offering_id,
        attempt.sessionId,
        attempt.seats,
        seated ? 'pending_payment' : 'waitlisted',
        price.unitPriceCents,
        isMember,
        session.vat_treatment,
        price.vatRateBasisPoints,
        price.totalExclVatCents,
        price.totalVatCents,
        price.totalInclVatCents,
        JSON.stringify(session.cancellation_policy),
        session.starts_at,
        holdExpiresAt,
        seated ? null : now,
      ],
    );
    const booking = bookings[0];
    const { rows: attendees } = await client.query(
      `INSERT INTO booking_attendees (booking_id, position, name, email)
       SELECT $1, t.n - 1, t.name, t.email FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS t(name, email, n)
       RETURNING id, name, email, attendance`,
      [
        booking.id,
        attempt.payload.attendees.map((attendee) => attendee.name),
        attempt.payload.attendees.map((attendee) => attendee.email),
      ],
    );
    const eventPayload = {
      organisationId: attempt.booker.organisationId,
      offeringId: session.offering_id,
      sessionId: attempt.sessionId,
      slotId: null,
      status: booking.status,
    };
    if (seated) {
      await client.query(
        `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, deliver_at)
         VALUES ('booking.created', 'booking', $1, $2, NULL), ('booking.hold-expiry-due', 'booking', $1, $3, $4)`,
        [
          booking.id,
          JSON.stringify({ ...eventPayload, totalInclVatCents: price.totalInclVatCents }),
          JSON.stringify({ bookingId: booking.id }),
          holdExpiresAt,
        ],
      );
    } else {
      await client.query(
        `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload)
         VALUES ('booking.waitlisted', 'booking', $1, $2)`,
        [booking.id, JSON.stringify(eventPayload)],
      );
    }
    await client.query(
      `UPDATE idempotency_keys SET response_status = 201, response_body = $2 WHERE id = $1`,
      [claimed.rows[0].id, JSON.stringify({ ...booking, attendees })],
    );
    await client.query('COMMIT');
    open = false;
    return {
      status: 201,
      outcome: String(booking.status),
      bookingId: booking.id,
      seats: attempt.seats,
      ms: elapsed(),
    };
  } catch (error) {
    if (open) await client.query('ROLLBACK');
    if (error instanceof Refused) {
      return {
        status: 422,
        outcome: `422 ${error.message}`,
        bookingId: null,
        seats: attempt.seats,
        ms: elapsed(),
      };
    }
    throw error;
  } finally {
    client.release();
  }
}

// --- Drivers ---------------------------------------------------------------------------------

/** `concurrency` loops, each sending the next attempt when its previous one is answered. */
async function closedLoop(
  attempts: Attempt[],
  concurrency: number,
  book: (attempt: Attempt) => Promise<Answer>,
): Promise<{ answers: Answer[]; ms: number }> {
  const answers: Answer[] = new Array(attempts.length);
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < attempts.length) {
        const index = next++;
        answers[index] = await book(attempts[index]);
      }
    }),
  );
  return { answers, ms: performance.now() - start };
}

interface Outcomes {
  held: number;
  waitlisted: number;
  refused: number;
  refusals: Record<string, number>;
}

function outcomesOf(answers: Answer[]): Outcomes {
  const refusals: Record<string, number> = {};
  let held = 0;
  let waitlisted = 0;
  for (const answer of answers) {
    if (answer.outcome === 'pending_payment' || answer.outcome === 'confirmed') held++;
    else if (answer.outcome === 'waitlisted') waitlisted++;
    else refusals[answer.outcome] = (refusals[answer.outcome] ?? 0) + 1;
  }
  return { held, waitlisted, refused: answers.length - held - waitlisted, refusals };
}

function latencies(answers: Answer[]): { p50Ms: number; p99Ms: number; maxMs: number } {
  const times = answers
    .map((answer) => answer.ms)
    .filter((ms) => Number.isFinite(ms))
    .sort((a, b) => a - b);
  return {
    p50Ms: round(percentile(times, 50)),
    p99Ms: round(percentile(times, 99)),
    maxMs: round(times[times.length - 1] ?? Number.NaN),
  };
}

// --- The proof from the database -------------------------------------------------------------

interface SessionState {
  id: string;
  capacity: number;
  seats_taken: number;
  held: number;
  pending: number;
  waitlisted: number;
  bookings: number;
  smallest_waiting: number | null;
  events: number;
}

async function sessionStates(url: string, sessionIds: string[]): Promise<SessionState[]> {
  const client = await connect(url, `bench-${NAME}-check`);
  try {
    const { rows } = await client.query<SessionState>(
      `SELECT s.id, s.capacity, s.seats_taken,
              coalesce(sum(b.seats) FILTER (WHERE b.status = ANY($2)), 0)::int AS held,
              count(b.id) FILTER (WHERE b.status = 'pending_payment')::int AS pending,
              count(b.id) FILTER (WHERE b.status = 'waitlisted')::int AS waitlisted,
              count(b.id)::int AS bookings,
              min(b.seats) FILTER (WHERE b.status = 'waitlisted') AS smallest_waiting,
              (SELECT count(*)::int FROM outbox_events e
                WHERE e.aggregate_id IN (SELECT id FROM bookings WHERE session_id = s.id)) AS events
         FROM sessions s LEFT JOIN bookings b ON b.session_id = s.id
        WHERE s.id = ANY($1::uuid[])
        GROUP BY s.id`,
      [sessionIds, HELD],
    );
    return rows;
  } finally {
    await client.end();
  }
}

/**
 * The capacity proof for a set of sessions and the answers given on them: no session holds
 * more than its capacity, its seat counter equals the seats its bookings hold, no waitlisted
 * booking would have fitted in the seats left, and the database holds exactly the bookings and
 * events the answers announced.
 */
function verify(label: string, states: SessionState[], answers: Answer[]): string[] {
  const failures: string[] = [];
  for (const state of states) {
    if (state.held > state.capacity)
      failures.push(`${label}: session ${state.id} holds ${state.held} seats of ${state.capacity}`);
    if (state.seats_taken > state.capacity)
      failures.push(
        `${label}: session ${state.id} counts ${state.seats_taken} seats taken of ${state.capacity}`,
      );
    if (state.seats_taken !== state.held)
      failures.push(
        `${label}: session ${state.id} counts ${state.seats_taken} seats taken but its bookings hold ${state.held}`,
      );
    if (
      state.smallest_waiting !== null &&
      state.smallest_waiting <= state.capacity - state.seats_taken
    )
      failures.push(
        `${label}: session ${state.id} waitlisted a ${state.smallest_waiting}-seat booking with ${state.capacity - state.seats_taken} seats free`,
      );
    if (state.events !== state.pending * 2 + state.waitlisted)
      failures.push(
        `${label}: session ${state.id} has ${state.events} outbox events for ${state.pending} holds and ${state.waitlisted} waitlisted`,
      );
  }
  const outcomes = outcomesOf(answers);
  const stored = {
    held: states.reduce((sum, state) => sum + state.pending, 0),
    waitlisted: states.reduce((sum, state) => sum + state.waitlisted, 0),
    bookings: states.reduce((sum, state) => sum + state.bookings, 0),
  };
  if (stored.held !== outcomes.held || stored.waitlisted !== outcomes.waitlisted)
    failures.push(
      `${label}: answered ${outcomes.held} held / ${outcomes.waitlisted} waitlisted, stored ${stored.held} / ${stored.waitlisted}`,
    );
  if (stored.bookings !== outcomes.held + outcomes.waitlisted)
    failures.push(
      `${label}: ${stored.bookings} bookings stored for ${outcomes.held + outcomes.waitlisted} created`,
    );
  const seatsAnswered = answers
    .filter((answer) => answer.outcome === 'pending_payment')
    .reduce((sum, answer) => sum + answer.seats, 0);
  const seatsStored = states.reduce((sum, state) => sum + state.held, 0);
  if (seatsAnswered !== seatsStored)
    failures.push(`${label}: answers hold ${seatsAnswered} seats, the database ${seatsStored}`);
  return failures;
}

// --- Run -------------------------------------------------------------------------------------

interface ContendedRun {
  run: number;
  ms: number;
  attemptsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  connectMs: number;
  /** CPU the api process spent (user + system) per attempt. */
  apiCpuMsPerAttempt: number;
  outcomes: Outcomes;
  seatsHeld: number;
  fullSessions: number;
}

interface UncontendedRun {
  run: number;
  apiPerSecond: number;
  apiP50Ms: number;
  apiP99Ms: number;
  baselinePerSecond: number;
  baselineP50Ms: number;
  baselineP99Ms: number;
  ratio: number;
  /** CPU the api process spent per booking. */
  apiCpuMsPerBooking: number;
  /** CPU this process spent per baseline booking (the pg driver and the transaction's code). */
  baselineCpuMsPerBooking: number;
}

/** CPU time (user + system) a process has used so far, from /proc (Linux), in ms. */
function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

async function deleteRedisKeys(): Promise<number> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${REDIS_PREFIX}*`,
        'COUNT',
        1000,
      );
      cursor = nextCursor;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export async function run(): Promise<ScenarioResult> {
  const started = performance.now();
  const url = benchDatabaseUrl(DATABASE);
  const secret = randomBytes(32).toString('base64url');
  const failures: string[] = [];
  let api: BuiltProcess | null = null;
  // A fresh agent per phase: keep-alive sockets the api closed while idle (after 5 s) would
  // otherwise be reused and reset.
  let agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const freshAgent = () => {
    agent.destroy();
    agent = new Agent({ keepAlive: true, maxSockets: Infinity });
    return agent;
  };
  const pool = new Pool({
    connectionString: url,
    max: POOL_SIZE,
    application_name: `bench-${NAME}-baseline`,
  });
  try {
    await freshDatabase(url);
    const seeded = await seed(url, secret);
    const { bookers, offerings } = seeded;
    const seedMs = performance.now() - started;
    console.log(
      `  seeded ${bookers.length} organisations with their bookers and ${offerings.length} offerings in ${round(seedMs / 1000)} s`,
    );

    api = await startBuilt('api', {
      NODE_ENV: 'production',
      DATABASE_URL: url,
      REDIS_PREFIX,
      JWT_ACCESS_SECRET: secret,
      // Production requires it; the api itself sends no mail (the worker does).
      SMTP_URL: 'smtp://127.0.0.1:2525',
      // The expected refusals (422) would each print a warning.
      LOG_LEVEL: 'error',
      // e.g. BENCH_API_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/profiles" to profile the api.
      ...(process.env.BENCH_API_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.BENCH_API_NODE_OPTIONS }
        : {}),
      BOOKING_HOLD_SECONDS: String(HOLD_SECONDS),
      // The bench measures contention on seats; its bookers hold far more than the squatting cap.
      BOOKING_UNPAID_PLACES_PER_ORGANISATION: '100000',
      BOOKING_UNPAID_PLACES_PER_USER: '100000',
    });
    const port = api.port;

    // Warm-up (the JIT, the pools), on sessions of its own.
    const warmSessions = await createSessions(
      url,
      offerings,
      SIZES.uncontendedSessions,
      UNCONTENDED_CAPACITY,
      200,
    );
    const warmAttempts = attemptsFor('warm', bookers, warmSessions, WARM_UP * 2, () => 1);
    await closedLoop(warmAttempts.slice(0, WARM_UP), UNCONTENDED_CONCURRENCY, (attempt) =>
      bookThroughApi(agent, port, attempt),
    );
    await closedLoop(warmAttempts.slice(WARM_UP), UNCONTENDED_CONCURRENCY, (attempt) =>
      bookWithPg(pool, attempt),
    );
    const allSessions: string[] = warmSessions.map((session) => session.id);

    const contended: ContendedRun[] = [];
    const uncontended: UncontendedRun[] = [];
    for (let runIndex = 1; runIndex <= RUNS; runIndex++) {
      // 1. The rush: every attempt at once, 20 per session, 1 to 3 seats each.
      const sessions = await createSessions(
        url,
        offerings,
        SIZES.sessions,
        SIZES.capacity,
        runIndex,
      );
      const perSession = SIZES.attempts / SIZES.sessions;
      const attempts = attemptsFor(
        `rush${runIndex}`,
        bookers,
        sessions,
        SIZES.attempts,
        (index) => 1 + (Math.floor(index / SIZES.sessions) % 3),
      );
      const rushAgent = freshAgent();
      const connectMs = await openConnections(rushAgent, port, SIZES.attempts);
      const rushCpu = processCpuMs(api.child.pid);
      const start = performance.now();
      const answers = await Promise.all(
        attempts.map((attempt) => bookThroughApi(rushAgent, port, attempt)),
      );
      const ms = performance.now() - start;
      const rushCpuMs = processCpuMs(api.child.pid) - rushCpu;
      const states = await sessionStates(
        url,
        sessions.map((session) => session.id),
      );
      failures.push(...verify(`rush ${runIndex}`, states, answers));
      const outcomes = outcomesOf(answers);
      // Expected refusals: the 3-seat requests on the sessions of limited offerings.
      const threeSeatPerSession = Array.from({ length: perSession }, (_, k) => 1 + (k % 3)).filter(
        (seats) => seats > ORGANISATION_SEAT_LIMIT,
      ).length;
      const limitedSessions = sessions.filter(
        (session) => offerings[session.offeringIndex].limited,
      ).length;
      const expectedRefused = limitedSessions * threeSeatPerSession;
      const unexpected = Object.entries(outcomes.refusals).filter(
        ([outcome]) => outcome !== '422 organisation_seat_limit',
      );
      if (unexpected.length > 0)
        failures.push(
          `rush ${runIndex}: unexpected answers ${unexpected.map(([outcome, n]) => `${n} × ${outcome}`).join(', ')}`,
        );
      if ((outcomes.refusals['422 organisation_seat_limit'] ?? 0) !== expectedRefused)
        failures.push(
          `rush ${runIndex}: ${outcomes.refusals['422 organisation_seat_limit'] ?? 0} refused for the seat limit, ${expectedRefused} expected`,
        );
      const measured: ContendedRun = {
        run: runIndex,
        ms: round(ms),
        attemptsPerSecond: round((answers.length / ms) * 1000, 1),
        ...latencies(answers),
        connectMs: round(connectMs),
        apiCpuMsPerAttempt: round(rushCpuMs / answers.length),
        outcomes,
        seatsHeld: states.reduce((sum, state) => sum + state.held, 0),
        fullSessions: states.filter((state) => state.seats_taken === state.capacity).length,
      };
      contended.push(measured);
      allSessions.push(...sessions.map((session) => session.id));
      console.log(
        `  rush ${runIndex}: ${answers.length} attempts in ${round(ms / 1000)} s = ${measured.attemptsPerSecond}/s, ` +
          `p50 ${measured.p50Ms} ms, p99 ${measured.p99Ms} ms; ${outcomes.held} held, ${outcomes.waitlisted} waitlisted, ` +
          `${outcomes.refused} refused; ${measured.seatsHeld} seats held, ${measured.fullSessions}/${sessions.length} sessions full`,
      );

      // 2. Uncontended: free seats on many sessions, a few bookings in flight, api then baseline.
      const apiSessions = await createSessions(
        url,
        offerings,
        SIZES.uncontendedSessions,
        UNCONTENDED_CAPACITY,
        100 + runIndex,
      );
      const pgSessions = await createSessions(
        url,
        offerings,
        SIZES.uncontendedSessions,
        UNCONTENDED_CAPACITY,
        150 + runIndex,
      );
      const seatsOf = (index: number) => 1 + (index % 2);
      const apiAttempts = attemptsFor(
        `calm${runIndex}`,
        bookers,
        apiSessions,
        SIZES.uncontended,
        seatsOf,
      );
      const pgAttempts = attemptsFor(
        `base${runIndex}`,
        bookers,
        pgSessions,
        SIZES.uncontended,
        seatsOf,
      );
      const calmAgent = freshAgent();
      const calmCpu = processCpuMs(api.child.pid);
      const viaApi = await closedLoop(apiAttempts, UNCONTENDED_CONCURRENCY, (attempt) =>
        bookThroughApi(calmAgent, port, attempt),
      );
      const apiCpuMs = processCpuMs(api.child.pid) - calmCpu;
      const ownCpu = process.cpuUsage();
      const viaPg = await closedLoop(pgAttempts, UNCONTENDED_CONCURRENCY, (attempt) =>
        bookWithPg(pool, attempt),
      );
      const pgCpu = process.cpuUsage(ownCpu);
      for (const [label, result, list] of [
        [`calm ${runIndex} api`, viaApi, apiSessions],
        [`calm ${runIndex} baseline`, viaPg, pgSessions],
      ] as const) {
        const outcome = outcomesOf(result.answers);
        if (outcome.held !== result.answers.length)
          failures.push(
            `${label}: ${outcome.waitlisted} waitlisted and ${JSON.stringify(outcome.refusals)} refused on free sessions`,
          );
        failures.push(
          ...verify(
            label,
            await sessionStates(
              url,
              list.map((session) => session.id),
            ),
            result.answers,
          ),
        );
        allSessions.push(...list.map((session) => session.id));
      }
      const apiPerSecond = (viaApi.answers.length / viaApi.ms) * 1000;
      const baselinePerSecond = (viaPg.answers.length / viaPg.ms) * 1000;
      const apiLatency = latencies(viaApi.answers);
      const pgLatency = latencies(viaPg.answers);
      const calm: UncontendedRun = {
        run: runIndex,
        apiPerSecond: round(apiPerSecond, 1),
        apiP50Ms: apiLatency.p50Ms,
        apiP99Ms: apiLatency.p99Ms,
        baselinePerSecond: round(baselinePerSecond, 1),
        baselineP50Ms: pgLatency.p50Ms,
        baselineP99Ms: pgLatency.p99Ms,
        ratio: round(apiPerSecond / baselinePerSecond, 3),
        apiCpuMsPerBooking: round(apiCpuMs / viaApi.answers.length),
        baselineCpuMsPerBooking: round((pgCpu.user + pgCpu.system) / 1000 / viaPg.answers.length),
      };
      uncontended.push(calm);
      console.log(
        `  calm ${runIndex}: api ${calm.apiPerSecond}/s (p50 ${calm.apiP50Ms} ms), baseline ${calm.baselinePerSecond}/s ` +
          `(p50 ${calm.baselineP50Ms} ms): api/baseline ${calm.ratio}`,
      );
    }

    // The whole database at the end: every session's counter agrees with its bookings.
    const everything = await sessionStates(url, allSessions);
    const overall = everything.filter(
      (state) =>
        state.seats_taken > state.capacity ||
        state.held > state.capacity ||
        state.seats_taken !== state.held,
    );
    if (overall.length > 0)
      failures.push(`${overall.length} sessions over capacity or miscounted at the end`);

    const pick = <T>(values: T[], key: (value: T) => number) => median(values.map(key));
    const figures = {
      quick: QUICK,
      sizes: SIZES,
      poolSize: POOL_SIZE,
      uncontendedConcurrency: UNCONTENDED_CONCURRENCY,
      contended: {
        runs: contended,
        median: {
          attemptsPerSecond: round(
            pick(contended, (r) => r.attemptsPerSecond),
            1,
          ),
          p50Ms: round(pick(contended, (r) => r.p50Ms)),
          p99Ms: round(pick(contended, (r) => r.p99Ms)),
          ms: round(pick(contended, (r) => r.ms)),
          apiCpuMsPerAttempt: round(pick(contended, (r) => r.apiCpuMsPerAttempt)),
        },
      },
      uncontended: {
        runs: uncontended,
        median: {
          apiPerSecond: round(
            pick(uncontended, (r) => r.apiPerSecond),
            1,
          ),
          apiP50Ms: round(pick(uncontended, (r) => r.apiP50Ms)),
          apiP99Ms: round(pick(uncontended, (r) => r.apiP99Ms)),
          baselinePerSecond: round(
            pick(uncontended, (r) => r.baselinePerSecond),
            1,
          ),
          baselineP50Ms: round(pick(uncontended, (r) => r.baselineP50Ms)),
          baselineP99Ms: round(pick(uncontended, (r) => r.baselineP99Ms)),
          ratio: round(
            pick(uncontended, (r) => r.ratio),
            3,
          ),
          apiCpuMsPerBooking: round(pick(uncontended, (r) => r.apiCpuMsPerBooking)),
          baselineCpuMsPerBooking: round(pick(uncontended, (r) => r.baselineCpuMsPerBooking)),
        },
      },
      sessionsChecked: everything.length,
      seedMs: round(seedMs),
      totalMs: round(performance.now() - started),
    };
    const c = figures.contended.median;
    const u = figures.uncontended.median;
    const first = contended[0];
    const summary = [
      ...formatTable(
        ['measure', 'per second', 'p50 ms', 'p99 ms', 'cpu ms each', 'outcome (run 1)'],
        [
          [
            `rush: ${SIZES.attempts} at once over ${SIZES.sessions} × ${SIZES.capacity} seats`,
            c.attemptsPerSecond,
            c.p50Ms,
            c.p99Ms,
            c.apiCpuMsPerAttempt,
            `${first.outcomes.held} held, ${first.outcomes.waitlisted} waitlisted, ${first.outcomes.refused} refused; ` +
              `${first.seatsHeld}/${SIZES.sessions * SIZES.capacity} seats, ${first.fullSessions} full`,
          ],
          [
            `uncontended, api (${UNCONTENDED_CONCURRENCY} in flight)`,
            u.apiPerSecond,
            u.apiP50Ms,
            u.apiP99Ms,
            u.apiCpuMsPerBooking,
            `${SIZES.uncontended} held`,
          ],
          [
            `baseline, pg (${UNCONTENDED_CONCURRENCY} in flight)`,
            u.baselinePerSecond,
            u.baselineP50Ms,
            u.baselineP99Ms,
            u.baselineCpuMsPerBooking,
            `${SIZES.uncontended} held`,
          ],
          ['api / baseline', u.ratio, '', '', '', ''],
        ],
      ),
      '',
      'cpu ms each: CPU of the api process per request (the baseline: of the bench process, pg driver',
      'and transaction code); PostgreSQL’s own CPU is in neither.',
      `medians of ${RUNS} runs; capacity proof on ${everything.length} sessions: ` +
        (failures.length === 0
          ? 'no session over capacity, every seat counter agrees with its bookings'
          : `${failures.length} failure(s)`),
    ];
    return { summary, failures, figures };
  } finally {
    agent.destroy();
    await pool.end();
    if (api) await api.stop();
    await disposeDatabase(url);
    await deleteRedisKeys().catch((error: unknown) =>
      console.warn(`  could not delete Redis keys: ${String(error)}`),
    );
  }
}
