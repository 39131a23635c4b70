import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { insertOrganisations, insertPublishedSession } from '@mutualis/testing';
import { registerAndLogIn, TestUser } from '../support/api-client';
import { createTestApp } from '../support/test-app';

const REPEATS = 5;
const ORGANISATIONS = 200;
const CAPACITY = 10;

// The capacity rule: seats held or confirmed on a session never exceed its capacity, under any
// concurrency. Each round fires 200 simultaneous requests from 200 organisations.
describe('session capacity under concurrent bookings', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  let booker: TestUser;
  let organisations: string[];

  beforeAll(async () => {
    app = await createTestApp({
      DATABASE_POOL_SIZE: '20',
      // One booker books for 200 organisations here; the unpaid-places cap has its own spec.
      BOOKING_UNPAID_PLACES_PER_USER: '100000',
    });
    db = app.get(DataSource);
    booker = await registerAndLogIn(app, 'rush');
    organisations = await insertOrganisations(db, booker.id, ORGANISATIONS);
  });

  afterAll(async () => {
    await app.close();
  });

  const book = (organisationId: string, sessionId: string, seats: number) =>
    request(app.getHttpServer())
      .post('/api/bookings')
      .auth(booker.accessToken, { type: 'bearer' })
      .send({
        organisationId,
        sessionId,
        attendees: Array.from({ length: seats }, (_, index) => ({
          name: `Participant ${index + 1}`,
          email: `p${index + 1}-${organisationId.slice(0, 8)}@test.mutualis.fr`,
        })),
      });

  async function seatsTaken(
    sessionId: string,
  ): Promise<{ capacity: number; seats_taken: number; held: number }> {
    const [row] = await db.query<{ capacity: number; seats_taken: number; held: number }[]>(
      `SELECT s.capacity, s.seats_taken,
              (SELECT coalesce(sum(seats), 0)::int FROM bookings b
                WHERE b.session_id = s.id AND b.status IN ('pending_payment', 'offered', 'confirmed')) AS held
         FROM sessions s WHERE s.id = $1`,
      [sessionId],
    );
    return row;
  }

  for (let round = 1; round <= REPEATS; round++) {
    it(`never confirms more seats than the session capacity under 200 concurrent bookings (round ${round})`, async () => {
      const { sessionId } = await insertPublishedSession(db, { capacity: CAPACITY });

      const responses = await Promise.all(
        organisations.map((organisationId) => book(organisationId, sessionId, 1)),
      );

      expect(
        responses.map((response) => response.status).filter((status) => status !== 201),
      ).toEqual([]);
      const statuses = responses.map((response) => response.body.status as string);
      expect(statuses.filter((status) => status === 'pending_payment')).toHaveLength(CAPACITY);
      expect(statuses.filter((status) => status === 'waitlisted')).toHaveLength(
        ORGANISATIONS - CAPACITY,
      );
      expect(await seatsTaken(sessionId)).toEqual({
        capacity: CAPACITY,
        seats_taken: CAPACITY,
        held: CAPACITY,
      });
      const sessions = await request(app.getHttpServer())
        .get(`/api/offerings/${responses[0].body.offeringId}/sessions`)
        .expect(200);
      expect(sessions.body[0].seatsLeft).toBe(0);
    });
  }

  it('never exceeds capacity with mixed seat counts (1 to 3) either', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: CAPACITY });
    const responses = await Promise.all(
      organisations
        .slice(0, 120)
        .map((organisationId, index) => book(organisationId, sessionId, (index % 3) + 1)),
    );
    expect(responses.every((response) => response.status === 201)).toBe(true);
    const held = responses
      .filter((response) => response.body.status === 'pending_payment')
      .reduce((sum, response) => sum + (response.body.seats as number), 0);
    expect(held).toBeLessThanOrEqual(CAPACITY);
    // Seats are given while they fit: at most 2 stay free (a 3-seat request could not fit them).
    expect(held).toBeGreaterThanOrEqual(CAPACITY - 2);
    const state = await seatsTaken(sessionId);
    expect(state.seats_taken).toBe(held);
    expect(state.held).toBe(held);
  });

  it('has the database refuse seats beyond capacity even when application checks are bypassed', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 2 });
    await expect(
      db.query(`UPDATE sessions SET seats_taken = 3 WHERE id = $1`, [sessionId]),
    ).rejects.toThrow(/sessions_seats_within_capacity/);
  });
});
