import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { insertOrganisations, insertPublishedSession } from '@mutualis/testing';
import { registerAndLogIn, TestUser } from '../support/api-client';
import { eventually } from '../support/expectations';
import { startWorkerHarness, WorkerHarness } from '../support/worker-harness';

const HOLD_SECONDS = 3;

// Holds expire through the real path: the outbox relay in the worker process turns the
// booking's hold-expiry event into a delayed BullMQ job, which frees the seats on time and
// offers them to the waitlist. The sweep runs only every 10 minutes here, so it cannot help.
describe('hold expiry through the worker', () => {
  let harness: WorkerHarness;
  let app: NestExpressApplication;
  let db: DataSource;
  let booker: TestUser;
  let organisations: string[];

  beforeAll(async () => {
    harness = await startWorkerHarness('hold', {
      BOOKING_HOLD_SECONDS: String(HOLD_SECONDS),
      BOOKING_SWEEP_SECONDS: '600',
    });
    ({ app, db } = harness);
    booker = await registerAndLogIn(app, 'holder');
    organisations = await insertOrganisations(db, booker.id, 2);
  });

  afterAll(async () => {
    await harness?.stop();
  });

  const book = (organisationId: string, sessionId: string) =>
    request(app.getHttpServer())
      .post('/api/bookings')
      .auth(booker.accessToken, { type: 'bearer' })
      .send({
        organisationId,
        sessionId,
        attendees: [{ name: 'Léa Dubois', email: 'lea@test.mutualis.fr' }],
      })
      .expect(201);

  const statusOf = async (bookingId: string) =>
    (
      await db.query<{ status: string }[]>(`SELECT status FROM bookings WHERE id = $1`, [bookingId])
    )[0].status;

  it('expires an unpaid hold on time and offers its seat to the first waitlisted booking', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 1 });
    const held = await book(organisations[0], sessionId);
    const waiting = await book(organisations[1], sessionId);
    expect([held.body.status, waiting.body.status]).toEqual(['pending_payment', 'waitlisted']);
    const heldAt = Date.now();

    const expired = await eventually(
      () => statusOf(held.body.id),
      (status) => status === 'expired',
      15_000,
    );
    expect(expired).toBe('expired');
    // Not before the hold ran out, and well before the 10-minute sweep.
    expect(Date.now() - heldAt).toBeGreaterThanOrEqual(HOLD_SECONDS * 1000 - 500);
    expect(await statusOf(waiting.body.id)).toBe('offered');

    const [session] = await db.query<{ seats_taken: number }[]>(
      `SELECT seats_taken FROM sessions WHERE id = $1`,
      [sessionId],
    );
    expect(session.seats_taken).toBe(1); // released by the expiry, held again by the offer
    const events = await db.query<{ type: string; n: number }[]>(
      `SELECT type, count(*)::int AS n FROM outbox_events WHERE aggregate_id = $1 GROUP BY type ORDER BY type`,
      [held.body.id],
    );
    expect(events).toEqual([
      { type: 'booking.created', n: 1 },
      { type: 'booking.expired', n: 1 },
      { type: 'booking.hold-expiry-due', n: 1 },
    ]);
  });

  it('leaves a hold alone once the booking is confirmed, even when its expiry job runs', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 3 });
    const held = await book(organisations[0], sessionId);
    await db.query(
      `UPDATE bookings SET status = 'confirmed', confirmed_at = now(), confirmation_method = 'cheque', hold_expires_at = NULL
        WHERE id = $1`,
      [held.body.id],
    );
    await new Promise((resolve) => setTimeout(resolve, (HOLD_SECONDS + 2) * 1000));
    expect(await statusOf(held.body.id)).toBe('confirmed');
  });
});
