import { randomUUID } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import {
  attestTrainingExemption,
  DAY_MS,
  insertOrganisations,
  insertPublishedSession,
} from '@mutualis/testing';
import { registerAndLogIn, TestUser, userWithRoles } from '../support/api-client';
import { expectProblem, expectStatus, fieldsOf } from '../support/expectations';
import { createTestApp } from '../support/test-app';
import {
  asRead,
  attendees,
  bearer,
  bookingApi,
  currentParisYear,
  eventsOf,
  HOUR_MS,
  insertConsultationOffering,
  Json,
  organisationState,
  sessionState,
  UUID,
} from './booking-fixtures';

// Booking a session's seats or a consultation slot: the price snapshotted (member or not on
// the service date, VAT), every refusal answered as problem+json with nothing written.
describe('booking', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  let b: ReturnType<typeof bookingApi>;
  let member: TestUser;
  let outsider: TestUser;
  let admin: TestUser;
  let consultant: TestUser;
  let activeOrg: string;
  let lapsedOrg: string;
  let pendingOrg: string;
  let noMembershipOrg: string;
  let outsiderOrg: string;

  const sessionBody = (organisationId: string, sessionId: string, seats = 1) => ({
    organisationId,
    sessionId,
    attendees: attendees(seats),
  });

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
    b = bookingApi(app);
    [member, outsider, admin, consultant] = await Promise.all([
      registerAndLogIn(app, 'member'),
      registerAndLogIn(app, 'outsider'),
      userWithRoles(app, 'admin', ['admin']),
      userWithRoles(app, 'consultant', ['consultant']),
    ]);
    [activeOrg] = await insertOrganisations(db, member.id, 1, 'active');
    [lapsedOrg] = await insertOrganisations(db, member.id, 1, 'lapsed');
    [pendingOrg] = await insertOrganisations(db, member.id, 1, 'pending');
    [noMembershipOrg] = await insertOrganisations(db, member.id, 1, null);
    [outsiderOrg] = await insertOrganisations(db, outsider.id, 1, 'active');
  });

  afterAll(async () => {
    await app.close();
  });

  describe('price snapshot', () => {
    it('holds the seats at the member price with 20 % VAT rounded half-up when the membership is active', async () => {
      const { sessionId, offeringId } = await insertPublishedSession(db, {
        memberPriceCents: 1_252,
        nonMemberPriceCents: 1_253,
        vatTreatment: 'standard',
      });
      const [{ starts_at: startsAt }] = await db.query<{ starts_at: Date }[]>(
        'SELECT starts_at FROM sessions WHERE id = $1',
        [sessionId],
      );
      const people = attendees(1);
      const before = Date.now();
      const response = await b.book(member, {
        organisationId: activeOrg,
        sessionId,
        attendees: people,
      });
      expectStatus(response, 201);
      expect(response.body).toMatchObject({
        id: expect.stringMatching(UUID),
        organisationId: activeOrg,
        offeringId,
        sessionId,
        slotId: null,
        seats: 1,
        status: 'pending_payment',
        unitPriceCents: 1_252,
        totalExclVatCents: 1_252,
        totalVatCents: 250, // 250.4 rounds down
        totalInclVatCents: 1_502,
        currency: 'EUR',
        memberPrice: true,
        vatTreatment: 'standard',
        vatRateBasisPoints: 2000,
        serviceStartsAt: startsAt.toISOString(),
        offerExpiresAt: null,
        confirmedAt: null,
        cancelledAt: null,
        refund: null,
      });
      expect(response.body.attendees).toEqual([
        { id: expect.stringMatching(UUID), ...people[0], attendance: null },
      ]);
      // A hold of BOOKING_HOLD_SECONDS (30 minutes by default).
      const hold = Date.parse(response.body.holdExpiresAt as string);
      expect(hold).toBeGreaterThanOrEqual(before + 30 * 60_000 - 1_000);
      expect(hold).toBeLessThanOrEqual(Date.now() + 30 * 60_000 + 1_000);
    });

    it('rounds 20 % VAT half-up on the line total at the non-member price (3 × 12.53 € → 7.52 € VAT)', async () => {
      const { sessionId } = await insertPublishedSession(db, {
        memberPriceCents: 1_252,
        nonMemberPriceCents: 1_253,
      });
      const booking = await b.booked(
        member,
        sessionBody(lapsedOrg, sessionId, 3),
        'pending_payment',
      );
      expect(booking).toMatchObject({
        seats: 3,
        memberPrice: false,
        unitPriceCents: 1_253,
        totalExclVatCents: 3_759,
        totalVatCents: 752, // 751.8 rounds up
        totalInclVatCents: 4_511,
      });
    });

    it('charges the non-member price when the membership is lapsed, pending or missing', async () => {
      const { sessionId } = await insertPublishedSession(db, {
        memberPriceCents: 18_000,
        nonMemberPriceCents: 26_000,
      });
      for (const organisationId of [lapsedOrg, pendingOrg, noMembershipOrg]) {
        const booking = await b.booked(member, sessionBody(organisationId, sessionId));
        expect({ organisationId, booking }).toMatchObject({
          organisationId,
          booking: {
            memberPrice: false,
            unitPriceCents: 26_000,
            totalExclVatCents: 26_000,
            totalVatCents: 5_200,
            totalInclVatCents: 31_200,
          },
        });
      }
    });

    it('takes the membership of the session’s calendar year in Paris, not of today or of UTC', async () => {
      const nextYear = currentParisYear + 1;
      // 22:30 UTC on 31 December is 23:30 in Paris (still that year); 23:30 UTC is already 1 January.
      const lastEvening = await insertPublishedSession(db, {
        startsInMs: Date.parse(`${nextYear}-12-31T22:30:00Z`) - Date.now(),
      });
      const newYearNight = await insertPublishedSession(db, {
        startsInMs: Date.parse(`${nextYear}-12-31T23:30:00Z`) - Date.now(),
      });
      // activeOrg is a member this year and next year only.
      expect(
        (await b.booked(member, sessionBody(activeOrg, lastEvening.sessionId))).memberPrice,
      ).toBe(true);
      const afterNewYear = await b.booked(member, sessionBody(activeOrg, newYearNight.sessionId));
      expect(afterNewYear).toMatchObject({ memberPrice: false, unitPriceCents: 26_000 });

      // A member this year whose next year's membership is still pending pays the non-member price next year.
      const [thisYearOnly] = await insertOrganisations(db, member.id, 1, 'active');
      await db.query(
        `UPDATE memberships SET status = 'pending' WHERE organisation_id = $1 AND year = $2`,
        [thisYearOnly, nextYear],
      );
      const nextYearSession = await insertPublishedSession(db, {
        startsInMs: Date.parse(`${nextYear}-03-10T09:00:00Z`) - Date.now(),
      });
      expect(
        await b.booked(member, sessionBody(thisYearOnly, nextYearSession.sessionId)),
      ).toMatchObject({ memberPrice: false, unitPriceCents: 26_000 });
    });

    it('charges no VAT on exempt professional training', async () => {
      const { sessionId } = await insertPublishedSession(db, {
        vatTreatment: 'exempt_training',
        memberPriceCents: 18_000,
      });
      const booking = await b.booked(member, sessionBody(activeOrg, sessionId, 2));
      expect(booking).toMatchObject({
        vatTreatment: 'exempt_training',
        vatRateBasisPoints: 0,
        unitPriceCents: 18_000,
        totalExclVatCents: 36_000,
        totalVatCents: 0,
        totalInclVatCents: 36_000,
      });
    });

    it('never changes an existing booking when the consultant later changes the offering’s price', async () => {
      const { sessionId, offeringId } = await insertPublishedSession(db, {
        consultantId: consultant.id,
        memberPriceCents: 18_000,
        nonMemberPriceCents: 26_000,
      });
      const first = await b.booked(member, sessionBody(activeOrg, sessionId));
      const patched = await b
        .api()
        .patch(`/api/offerings/${offeringId}`)
        .auth(consultant.accessToken, bearer)
        .send({ memberPriceCents: 50_000, nonMemberPriceCents: 60_000 });
      expectStatus(patched, 200);
      // The new price goes live once the Chambre approves it; the VAT regime is its own call,
      // moderated the same way.
      expectStatus(
        await b.api().post(`/api/offerings/${offeringId}/publish`).auth(admin.accessToken, bearer),
        200,
      );
      await attestTrainingExemption(db);
      expectStatus(
        await b
          .api()
          .put(`/api/offerings/${offeringId}/vat-treatment`)
          .auth(admin.accessToken, bearer)
          .send({ vatTreatment: 'exempt_training' }),
        200,
      );
      expectStatus(
        await b.api().post(`/api/offerings/${offeringId}/publish`).auth(admin.accessToken, bearer),
        200,
      );

      const again = await b.get(member, first.id as string);
      expectStatus(again, 200);
      expect(again.body).toEqual(asRead(first));
      // The new price does apply to bookings made from now on.
      expect(await b.booked(member, sessionBody(activeOrg, sessionId))).toMatchObject({
        unitPriceCents: 50_000,
        vatTreatment: 'exempt_training',
        totalInclVatCents: 50_000,
      });
    });
  });

  describe('the answer', () => {
    // The answer is built from what was inserted, not read back: it must still be exactly
    // what reading the booking shows, field for field.
    it('answers a held booking exactly as GET then shows it, attendees in the order given', async () => {
      const { sessionId } = await insertPublishedSession(db, { maxSeatsPerOrganisation: 5 });
      const body = sessionBody(activeOrg, sessionId, 3);
      const response = await b.book(member, body, randomUUID());
      expectStatus(response, 201);
      expect(response.body.status).toBe('pending_payment');
      expect(response.body.attendees.map((attendee: Json) => attendee.email)).toEqual(
        body.attendees.map((attendee) => attendee.email),
      );

      const read = await b.get(member, response.body.id as string);
      expectStatus(read, 200);
      expect(asRead(response.body)).toStrictEqual(read.body);
    });

    it('answers a waitlisted booking, at the non-member price, exactly as GET then shows it', async () => {
      const { sessionId } = await insertPublishedSession(db, { capacity: 1 });
      await b.booked(member, sessionBody(activeOrg, sessionId), 'pending_payment');
      const response = await b.book(member, sessionBody(lapsedOrg, sessionId));
      expectStatus(response, 201);
      expect(response.body).toMatchObject({ status: 'waitlisted', memberPrice: false });

      const read = await b.get(member, response.body.id as string);
      expectStatus(read, 200);
      expect(asRead(response.body)).toStrictEqual(read.body);
    });
  });

  describe('refusals, with nothing written', () => {
    async function expectRefused(
      sessionId: string,
      body: Json,
      status: number,
      code: string,
      fields?: string[],
    ): Promise<void> {
      const before = await sessionState(db, sessionId);
      const response = await b.book(member, body);
      expectProblem(response, status, code);
      if (fields) expect(fieldsOf(response)).toEqual(fields);
      expect(await sessionState(db, sessionId)).toEqual(before);
    }

    it('answers 422 registration_closed once the registration deadline has passed', async () => {
      const { sessionId } = await insertPublishedSession(db, {
        startsInMs: 2 * DAY_MS,
        registrationDeadlineInMs: -60_000,
      });
      await expectRefused(sessionId, sessionBody(activeOrg, sessionId), 422, 'registration_closed');
    });

    it('answers 422 session_not_bookable for a cancelled session', async () => {
      const { sessionId } = await insertPublishedSession(db);
      await db.query(
        `UPDATE sessions SET status = 'cancelled', cancelled_at = now() WHERE id = $1`,
        [sessionId],
      );
      await expectRefused(
        sessionId,
        sessionBody(activeOrg, sessionId),
        422,
        'session_not_bookable',
      );
    });

    it('answers 422 session_not_bookable for a session that has already begun', async () => {
      const { sessionId } = await insertPublishedSession(db, {
        startsInMs: -HOUR_MS,
        registrationDeadlineInMs: -2 * HOUR_MS,
      });
      await expectRefused(
        sessionId,
        sessionBody(activeOrg, sessionId),
        422,
        'session_not_bookable',
      );
    });

    it('answers 404 for a session of an unpublished offering, as for an unknown one', async () => {
      const { sessionId, offeringId } = await insertPublishedSession(db);
      await db.query(`UPDATE offerings SET status = 'draft' WHERE id = $1`, [offeringId]);
      await expectRefused(sessionId, sessionBody(activeOrg, sessionId), 404, 'session_not_found');
      expectProblem(
        await b.book(member, sessionBody(activeOrg, randomUUID())),
        404,
        'session_not_found',
      );
    });

    it('answers 422 more_seats_than_capacity when the attendees can never fit the session', async () => {
      const { sessionId } = await insertPublishedSession(db, { capacity: 2 });
      await expectRefused(
        sessionId,
        sessionBody(activeOrg, sessionId, 3),
        422,
        'more_seats_than_capacity',
        ['attendees'],
      );
    });

    it('answers 422 organisation_seat_limit beyond the per-organisation limit, counting held and waitlisted seats', async () => {
      const { sessionId } = await insertPublishedSession(db, {
        capacity: 1,
        maxSeatsPerOrganisation: 2,
      });
      const [org] = await insertOrganisations(db, member.id, 1, 'active');
      await b.booked(member, sessionBody(org, sessionId), 'pending_payment');
      const waiting = await b.booked(member, sessionBody(org, sessionId), 'waitlisted');

      await expectRefused(sessionId, sessionBody(org, sessionId), 422, 'organisation_seat_limit', [
        'attendees',
      ]);
      // In one request too, on an organisation with nothing booked yet.
      const [fresh] = await insertOrganisations(db, member.id, 1, 'active');
      await expectRefused(
        sessionId,
        sessionBody(fresh, sessionId, 3),
        422,
        'more_seats_than_capacity',
      );
      const { sessionId: roomy } = await insertPublishedSession(db, {
        capacity: 10,
        maxSeatsPerOrganisation: 2,
      });
      await expectRefused(roomy, sessionBody(fresh, roomy, 3), 422, 'organisation_seat_limit', [
        'attendees',
      ]);
      // Other organisations are not limited by this one's seats.
      await b.booked(member, sessionBody(activeOrg, sessionId), 'waitlisted');
      // A cancelled booking no longer counts.
      expectStatus(await b.cancel(member, waiting.id as string), 200);
      await b.booked(member, sessionBody(org, sessionId), 'waitlisted');
    });

    it('answers 404 when the caller does not belong to the organisation, even as an admin', async () => {
      const { sessionId } = await insertPublishedSession(db);
      const before = await organisationState(db, outsiderOrg);
      await expectRefused(
        sessionId,
        sessionBody(outsiderOrg, sessionId),
        404,
        'organisation_not_found',
      );
      const byAdmin = await b.book(admin, sessionBody(outsiderOrg, sessionId));
      expectProblem(byAdmin, 404, 'organisation_not_found');
      expect(await organisationState(db, outsiderOrg)).toEqual(before);
    });

    it('answers 400 to both or neither of sessionId and slotId', async () => {
      const { sessionId } = await insertPublishedSession(db);
      const both = await b.book(member, {
        ...sessionBody(activeOrg, sessionId),
        slotId: randomUUID(),
      });
      expectProblem(both, 400, 'invalid_booking');
      expect(fieldsOf(both)).toEqual(['sessionId']);
      const neither = await b.book(member, { organisationId: activeOrg, attendees: attendees(1) });
      expectProblem(neither, 400, 'invalid_booking');
      expect(fieldsOf(neither)).toEqual(['slotId']);
      expect((await sessionState(db, sessionId)).bookings).toBe(0);
    });

    it('answers 400 when two attendees share an e-mail address, whatever its case', async () => {
      const { sessionId } = await insertPublishedSession(db);
      await expectRefused(
        sessionId,
        {
          organisationId: activeOrg,
          sessionId,
          attendees: [
            { name: 'Léa Dubois', email: 'lea.dubois@asso.test.mutualis.fr' },
            { name: 'Léa Dubois bis', email: ' Lea.Dubois@asso.test.mutualis.fr ' },
          ],
        },
        400,
        'invalid_booking',
        ['attendees'],
      );
    });

    it('answers 400 naming each invalid or unknown field', async () => {
      const { sessionId } = await insertPublishedSession(db);
      await expectRefused(
        sessionId,
        { ...sessionBody(activeOrg, sessionId), seats: 3 },
        400,
        'validation_failed',
        ['seats'],
      );
      await expectRefused(
        sessionId,
        {
          organisationId: activeOrg,
          sessionId,
          attendees: [{ name: 'Léa', email: 'lea@test.mutualis.fr', phone: '0600000000' }],
        },
        400,
        'validation_failed',
        ['attendees.0.phone'],
      );
      await expectRefused(
        sessionId,
        { organisationId: activeOrg, sessionId, attendees: [{ name: ' ', email: 'not-an-email' }] },
        400,
        'validation_failed',
        ['attendees.0.name', 'attendees.0.email'],
      );
      const empty = await b.book(member, { organisationId: 'nope', sessionId, attendees: [] });
      expectProblem(empty, 400, 'validation_failed');
      expect([...new Set(fieldsOf(empty))].sort()).toEqual(['attendees', 'organisationId']);
      expect((await sessionState(db, sessionId)).bookings).toBe(0);
    });

    it('answers 401 without a token', async () => {
      const { sessionId } = await insertPublishedSession(db);
      const response = await b.api().post('/api/bookings').send(sessionBody(activeOrg, sessionId));
      expectProblem(response, 401);
      expect((await sessionState(db, sessionId)).bookings).toBe(0);
    });
  });

  describe('consultation slots', () => {
    let offeringId: string;
    let slots: Json[];

    const freeSlotIds = async (): Promise<string[]> => {
      const response = await b.api().get(`/api/offerings/${offeringId}/slots`);
      expectStatus(response, 200);
      return (response.body as Json[]).map((slot) => slot.id as string);
    };
    const slotState = async (slotId: string) => {
      const [row] = await db.query<{ status: string; bookings: number; events: number }[]>(
        `SELECT s.status,
                (SELECT count(*)::int FROM bookings WHERE slot_id = s.id) AS bookings,
                (SELECT count(*)::int FROM outbox_events
                  WHERE payload ->> 'slotId' = s.id::text
                     OR aggregate_id IN (SELECT id FROM bookings WHERE slot_id = s.id)) AS events
           FROM consultation_slots s WHERE s.id = $1`,
        [slotId],
      );
      return row;
    };

    /** Opens slots at 09:00 UTC so many days from now, through the api, as the consultant. */
    async function openSlot(...days: number[]): Promise<Json[]> {
      const at = (inDays: number) => {
        const start = new Date(Date.now() + inDays * DAY_MS);
        start.setUTCHours(9, 0, 0, 0);
        return {
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + HOUR_MS).toISOString(),
        };
      };
      const opened = await b
        .api()
        .post(`/api/offerings/${offeringId}/slots`)
        .auth(consultant.accessToken, bearer)
        .send({ slots: days.map(at) });
      expectStatus(opened, 201);
      return opened.body as Json[];
    }

    beforeAll(async () => {
      offeringId = await insertConsultationOffering(db, consultant.id, {
        memberPriceCents: 9_000,
        nonMemberPriceCents: 12_000,
      });
      slots = await openSlot(3, 4);
    });

    it('books a free slot for up to 3 people as one seat; the slot leaves the free list', async () => {
      expect(await freeSlotIds()).toEqual(slots.map((slot) => slot.id));
      const people = attendees(2);
      const response = await b.book(member, {
        organisationId: activeOrg,
        slotId: slots[0].id,
        attendees: people,
      });
      expectStatus(response, 201);
      expect(response.body).toMatchObject({
        status: 'pending_payment',
        sessionId: null,
        slotId: slots[0].id,
        offeringId,
        seats: 1,
        memberPrice: true,
        unitPriceCents: 9_000,
        totalExclVatCents: 9_000,
        totalVatCents: 1_800,
        totalInclVatCents: 10_800,
        serviceStartsAt: new Date(slots[0].startsAt as string).toISOString(),
        holdExpiresAt: expect.any(String),
      });
      expect(response.body.attendees.map((attendee: Json) => attendee.email)).toEqual(
        people.map((person) => person.email),
      );
      expect(await freeSlotIds()).toEqual([slots[1].id]);
      // Answered from what was inserted, yet exactly what reading it shows.
      const read = await b.get(member, response.body.id as string);
      expectStatus(read, 200);
      expect(asRead(response.body)).toStrictEqual(read.body);
      expect(await eventsOf(db, response.body.id as string)).toEqual({
        'booking.created': 1,
        'booking.hold-expiry-due': 1,
      });
    });

    it('answers 409 slot_unavailable to a second booking of the same slot, writing nothing', async () => {
      const before = await slotState(slots[0].id as string);
      expect(before).toMatchObject({ status: 'booked', bookings: 1 });
      const second = await b.book(outsider, {
        organisationId: outsiderOrg,
        slotId: slots[0].id,
        attendees: attendees(1),
      });
      expectProblem(second, 409, 'slot_unavailable');
      expect(await slotState(slots[0].id as string)).toEqual(before);
    });

    it('refuses more than 3 people (400) or an unknown slot (404)', async () => {
      const crowd = await b.book(member, {
        organisationId: activeOrg,
        slotId: slots[1].id,
        attendees: attendees(4),
      });
      expectProblem(crowd, 400, 'invalid_booking');
      expect(fieldsOf(crowd)).toEqual(['attendees']);
      expectProblem(
        await b.book(member, {
          organisationId: activeOrg,
          slotId: randomUUID(),
          attendees: attendees(1),
        }),
        404,
        'slot_not_found',
      );
      expect(await slotState(slots[1].id as string)).toEqual({
        status: 'open',
        bookings: 0,
        events: 0,
      });
    });

    it('gives a slot to exactly one of 10 simultaneous bookings; the others get 409 slot_unavailable', async () => {
      const [contender] = await insertOrganisations(db, outsider.id, 1);
      const [slot] = await openSlot(8);
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          b.book(index % 2 ? member : outsider, {
            organisationId: index % 2 ? activeOrg : contender,
            slotId: slot.id,
            attendees: attendees(1),
          }),
        ),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([201, ...Array(9).fill(409)]);
      for (const response of responses.filter((r) => r.status === 409)) {
        expectProblem(response, 409, 'slot_unavailable');
      }
      expect(await slotState(slot.id as string)).toMatchObject({ status: 'booked', bookings: 1 });
    });

    it('answers 404 for a slot of an offering no longer published, leaving the slot open', async () => {
      const [slot] = await openSlot(9);
      await db.query(`UPDATE offerings SET status = 'archived' WHERE id = $1`, [offeringId]);
      try {
        const response = await b.book(member, {
          organisationId: activeOrg,
          slotId: slot.id,
          attendees: attendees(1),
        });
        expectProblem(response, 404, 'slot_not_found');
        expect(await slotState(slot.id as string)).toEqual({
          status: 'open',
          bookings: 0,
          events: 0,
        });
      } finally {
        await db.query(`UPDATE offerings SET status = 'published' WHERE id = $1`, [offeringId]);
      }
    });

    it('frees the slot again when its booking is cancelled, so that another organisation may book it', async () => {
      const [live] = await db.query<{ id: string }[]>(
        `SELECT id FROM bookings WHERE slot_id = $1 AND status = 'pending_payment'`,
        [slots[0].id],
      );
      const cancelled = await b.cancel(member, live.id);
      expectStatus(cancelled, 200);
      expect(cancelled.body.refund).toMatchObject({ basis: 'nothing_paid', amountCents: 0 });
      expect(await freeSlotIds()).toContain(slots[0].id);

      const rebooked = await b.book(outsider, {
        organisationId: outsiderOrg,
        slotId: slots[0].id,
        attendees: attendees(1),
      });
      expectStatus(rebooked, 201);
      expect(rebooked.body).toMatchObject({ status: 'pending_payment', slotId: slots[0].id });
      expect(await freeSlotIds()).not.toContain(slots[0].id);
    });
  });
});
