import { randomUUID } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { insertOrganisations, insertPublishedSession } from '@mutualis/testing';
import { registerAndLogIn, TestUser, userWithRoles } from '../support/api-client';
import { expectProblem, expectStatus, fieldsOf } from '../support/expectations';
import { createTestApp } from '../support/test-app';
import {
  asRead,
  attendees,
  bookingApi,
  eventsOf,
  Json,
  startSession,
  storedBooking,
} from './booking-fixtures';

// Once a session has begun its consultant (or an admin) marks who came; its attendee list is
// theirs alone. A booking is seen by its organisation's members, its consultant and the
// Chambre's staff; anyone else is answered 404.
describe('attendance and visibility', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  let b: ReturnType<typeof bookingApi>;
  let member: TestUser;
  let colleague: TestUser;
  let stranger: TestUser;
  let admin: TestUser;
  let finance: TestUser;
  let consultant: TestUser;
  let otherConsultant: TestUser;
  let orgs: string[];
  let strangerOrg: string;

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
    b = bookingApi(app);
    [member, colleague, stranger, admin, finance, consultant, otherConsultant] = await Promise.all([
      registerAndLogIn(app, 'attendee-member'),
      registerAndLogIn(app, 'colleague'),
      registerAndLogIn(app, 'stranger'),
      userWithRoles(app, 'admin', ['admin']),
      userWithRoles(app, 'finance', ['finance']),
      userWithRoles(app, 'consultant', ['consultant']),
      userWithRoles(app, 'other-consultant', ['consultant']),
    ]);
    orgs = await insertOrganisations(db, member.id, 3);
    [strangerOrg] = await insertOrganisations(db, stranger.id, 1);
    // A plain member (not an org admin) of the first organisation.
    await db.query(
      `INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'org_member')`,
      [orgs[0], colleague.id],
    );
  });

  afterAll(async () => {
    await app.close();
  });

  const bookOn = (sessionId: string, org: number, seats: number, status = 'pending_payment') =>
    b.booked(member, { organisationId: orgs[org], sessionId, attendees: attendees(seats) }, status);

  async function confirmed(sessionId: string, org: number, seats: number): Promise<Json> {
    const booking = await bookOn(sessionId, org, seats);
    const response = await b.confirm(admin, booking.id as string, 'cheque');
    expectStatus(response, 200);
    return response.body as Json;
  }

  async function attendanceOf(bookingId: string): Promise<(string | null)[]> {
    const rows = await db.query<{ attendance: string | null }[]>(
      'SELECT attendance FROM booking_attendees WHERE booking_id = $1 ORDER BY position',
      [bookingId],
    );
    return rows.map((row) => row.attendance);
  }

  const ascii = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  const ids = (booking: Json): string[] => (booking.attendees as Json[]).map((a) => a.id as string);

  describe('attendance', () => {
    it('answers 422 attendance_too_early before the session has begun, marking nothing', async () => {
      const { sessionId } = await insertPublishedSession(db, { consultantId: consultant.id });
      const booking = await confirmed(sessionId, 0, 1);
      const response = await b.markAttendance(consultant, sessionId, [
        { attendeeId: ids(booking)[0], attendance: 'present' },
      ]);
      expectProblem(response, 422, 'attendance_too_early');
      expect(await attendanceOf(booking.id as string)).toEqual([null]);
      expect((await storedBooking(db, booking.id as string)).status).toBe('confirmed');
    });

    it('marks a booking attended when one attendee came and no_show when all were absent', async () => {
      const { sessionId } = await insertPublishedSession(db, { consultantId: consultant.id });
      const pair = await confirmed(sessionId, 0, 2);
      const single = await confirmed(sessionId, 1, 1);
      const partly = await confirmed(sessionId, 2, 2);
      await startSession(db, sessionId);

      const response = await b.markAttendance(consultant, sessionId, [
        { attendeeId: ids(pair)[0], attendance: 'absent' },
        { attendeeId: ids(pair)[1], attendance: 'present' },
        { attendeeId: ids(single)[0], attendance: 'absent' },
        { attendeeId: ids(partly)[0], attendance: 'present' },
      ]);
      expectStatus(response, 200);
      expect(
        [...(response.body.bookings as Json[])].sort((x, y) =>
          (x.bookingId as string).localeCompare(y.bookingId as string),
        ),
      ).toEqual(
        [
          { bookingId: pair.id, status: 'attended' },
          { bookingId: single.id, status: 'no_show' },
          { bookingId: partly.id, status: 'attended' },
        ].sort((x, y) => (x.bookingId as string).localeCompare(y.bookingId as string)),
      );

      const read = await b.get(member, pair.id as string);
      expect(read.body.status).toBe('attended');
      expect((read.body.attendees as Json[]).map((a) => a.attendance)).toEqual([
        'absent',
        'present',
      ]);
      expect((await b.get(member, single.id as string)).body.status).toBe('no_show');
      expect(await attendanceOf(partly.id as string)).toEqual(['present', null]);
      expect((await eventsOf(db, single.id as string))['booking.attendance-marked']).toBe(1);

      // A correction: the absentee did come after all.
      const corrected = await b.markAttendance(admin, sessionId, [
        { attendeeId: ids(single)[0], attendance: 'present' },
      ]);
      expectStatus(corrected, 200);
      expect(corrected.body.bookings).toEqual([{ bookingId: single.id, status: 'attended' }]);
    });

    it('answers 400 unknown_attendee for an attendee of another session or of an unpaid booking, marking none of the request', async () => {
      const { sessionId } = await insertPublishedSession(db, { consultantId: consultant.id });
      const { sessionId: elsewhere } = await insertPublishedSession(db, {
        consultantId: consultant.id,
      });
      const here = await confirmed(sessionId, 0, 1);
      const unpaid = await bookOn(sessionId, 1, 1);
      const there = await confirmed(elsewhere, 2, 1);
      await startSession(db, sessionId);

      const response = await b.markAttendance(consultant, sessionId, [
        { attendeeId: ids(here)[0], attendance: 'present' },
        { attendeeId: ids(there)[0], attendance: 'present' },
        { attendeeId: ids(unpaid)[0], attendance: 'present' },
      ]);
      expectProblem(response, 400, 'unknown_attendee');
      expect(fieldsOf(response)).toEqual(['attendees.1.attendeeId', 'attendees.2.attendeeId']);
      expect(await attendanceOf(here.id as string)).toEqual([null]);
      expect(await attendanceOf(there.id as string)).toEqual([null]);
      expect((await storedBooking(db, here.id as string)).status).toBe('confirmed');
    });

    it('answers 404 to a member of the booking organisation and to another consultant, and 400 to a bad mark', async () => {
      const { sessionId } = await insertPublishedSession(db, { consultantId: consultant.id });
      const booking = await confirmed(sessionId, 0, 1);
      await startSession(db, sessionId);
      const marks = [{ attendeeId: ids(booking)[0], attendance: 'present' }];
      expectProblem(await b.markAttendance(member, sessionId, marks), 404, 'session_not_found');
      expectProblem(
        await b.markAttendance(otherConsultant, sessionId, marks),
        404,
        'session_not_found',
      );
      expectProblem(
        await b.markAttendance(consultant, randomUUID(), marks),
        404,
        'session_not_found',
      );
      const late = await b.markAttendance(consultant, sessionId, [
        { attendeeId: ids(booking)[0], attendance: 'late' },
      ]);
      expectProblem(late, 400, 'validation_failed');
      expect(fieldsOf(late)).toEqual(['attendees.0.attendance']);
      expect(await attendanceOf(booking.id as string)).toEqual([null]);
      expect((await storedBooking(db, booking.id as string)).status).toBe('confirmed');
    });
  });

  describe('attendee list', () => {
    let sessionId: string;
    let paid: Json;
    let held: Json;
    let waiting: Json;

    beforeAll(async () => {
      ({ sessionId } = await insertPublishedSession(db, {
        consultantId: consultant.id,
        capacity: 3,
      }));
      paid = await confirmed(sessionId, 0, 2);
      held = await bookOn(sessionId, 1, 1);
      waiting = await bookOn(sessionId, 2, 1, 'waitlisted');
    });

    it('lists the seated attendees with their e-mails and organisations to the consultant and to admins', async () => {
      const names = new Map(
        (
          await db.query<{ id: string; legal_name: string }[]>(
            'SELECT id, legal_name FROM organisations WHERE id = ANY($1)',
            [orgs],
          )
        ).map((row) => [row.id, row.legal_name]),
      );
      const expected = [paid, held]
        .flatMap((booking) =>
          (booking.attendees as Json[]).map((attendee) => ({
            id: attendee.id,
            name: attendee.name,
            email: attendee.email,
            attendance: null,
            bookingId: booking.id,
            bookingStatus: booking.status,
            organisationId: booking.organisationId,
            organisationName: names.get(booking.organisationId as string),
          })),
        )
        .sort((x, y) => (x.id as string).localeCompare(y.id as string));

      for (const user of [consultant, admin]) {
        const response = await b.attendeesOf(user, sessionId);
        expectStatus(response, 200);
        expect(
          [...(response.body as Json[])].sort((x, y) =>
            (x.id as string).localeCompare(y.id as string),
          ),
        ).toEqual(expected);
      }
      expect(expected.map((entry) => entry.bookingId)).not.toContain(waiting.id);
    });

    it('answers 404 to anyone else: another consultant, a member of a booking organisation, finance', async () => {
      for (const user of [otherConsultant, member, finance]) {
        expectProblem(await b.attendeesOf(user, sessionId), 404, 'session_not_found');
      }
      expectProblem(await b.attendeesOf(consultant, randomUUID()), 404, 'session_not_found');
    });
  });

  describe('reading bookings', () => {
    let offeringId: string;
    let sessionId: string;
    let booking: Json;
    let strangerBooking: Json;

    beforeAll(async () => {
      ({ sessionId, offeringId } = await insertPublishedSession(db, {
        consultantId: consultant.id,
      }));
      booking = await bookOn(sessionId, 0, 1);
      strangerBooking = await b.booked(stranger, {
        organisationId: strangerOrg,
        sessionId,
        attendees: attendees(1),
      });
    });

    it('shows a booking to its organisation’s members, its consultant, admins and finance', async () => {
      for (const user of [member, colleague, consultant, admin, finance]) {
        const response = await b.get(user, booking.id as string);
        expectStatus(response, 200);
        expect(response.body).toEqual(asRead(booking));
      }
    });

    it('answers 404, never its data, to a member of another organisation and to another consultant', async () => {
      for (const user of [stranger, otherConsultant]) {
        const response = await b.get(user, booking.id as string);
        expectProblem(response, 404, 'booking_not_found');
        expect(JSON.stringify(response.body)).not.toContain(orgs[0]);
      }
      expectProblem(await b.get(member, randomUUID()), 404, 'booking_not_found');
      expectProblem(await b.get(member, 'not-a-uuid'), 400, 'validation_failed');
    });

    it('lists to each caller only the bookings they may see', async () => {
      const listed = async (user: TestUser, query: Json = {}) => {
        const response = await b.list(user, { sessionId, limit: 100, ...query });
        expectStatus(response, 200);
        return (response.body.items as Json[]).map((item) => item.id as string).sort();
      };
      const both = [booking.id as string, strangerBooking.id as string].sort();
      expect(await listed(member)).toEqual([booking.id]);
      expect(await listed(colleague)).toEqual([booking.id]);
      expect(await listed(stranger)).toEqual([strangerBooking.id]);
      expect(await listed(consultant)).toEqual(both);
      expect(await listed(otherConsultant)).toEqual([]);
      expect(await listed(finance)).toEqual(both);
      expect(await listed(admin)).toEqual(both);
      // Naming another organisation does not widen what a member sees.
      expect(await listed(member, { organisationId: strangerOrg })).toEqual([]);

      // Unfiltered, a consultant's list holds the bookings on their offerings only, all of them.
      const all = await b.list(consultant, { limit: 100 });
      expectStatus(all, 200);
      const theirs = await db.query<{ id: string }[]>(
        `SELECT b.id FROM bookings b JOIN offerings o ON o.id = b.offering_id WHERE o.consultant_id = $1`,
        [consultant.id],
      );
      expect((all.body.items as Json[]).map((item) => item.id as string).sort()).toEqual(
        theirs.map((row) => row.id).sort(),
      );
      expect(theirs.length).toBeGreaterThan(2);
      expect((all.body.items as Json[]).map((item) => item.offeringId)).toContain(offeringId);
    });

    it('filters by a comma-separated list of statuses, and refuses an unknown status or cursor (400)', async () => {
      const { sessionId: full } = await insertPublishedSession(db, { capacity: 1 });
      const held = await bookOn(full, 0, 1);
      const waiting = await bookOn(full, 1, 1, 'waitlisted');
      const cancelled = await bookOn(full, 2, 1, 'waitlisted');
      expectStatus(await b.cancel(member, cancelled.id as string), 200);
      const statuses = async (status: string) => {
        const response = await b.list(member, { sessionId: full, status });
        expectStatus(response, 200);
        return (response.body.items as Json[]).map((item) => item.id as string).sort();
      };
      expect(await statuses('pending_payment,waitlisted')).toEqual(
        [held.id as string, waiting.id as string].sort(),
      );
      expect(await statuses('cancelled')).toEqual([cancelled.id]);

      const unknown = await b.list(member, { status: 'pending_payment,paid' });
      expectProblem(unknown, 400, 'validation_failed');
      expect(fieldsOf(unknown)).toEqual(['status']);
      expectProblem(await b.list(member, { cursor: 'garbage' }), 400, 'invalid_cursor');
    });

    it('pages through a member’s bookings with the cursor, each booking exactly once and in order', async () => {
      const owner = await registerAndLogIn(app, 'pager');
      const [first, second] = await insertOrganisations(db, owner.id, 2);
      const { sessionId: one } = await insertPublishedSession(db, { capacity: 20 });
      const { sessionId: two } = await insertPublishedSession(db, { capacity: 20 });
      // Made at once, so that several share their creation instant.
      const made = await Promise.all(
        Array.from({ length: 11 }, (_, index) =>
          b.book(owner, {
            organisationId: index % 2 ? first : second,
            sessionId: index % 3 ? one : two,
            attendees: attendees(1),
          }),
        ),
      );
      expect(made.map((response) => response.status)).toEqual(Array(11).fill(201));

      const seen: Json[] = [];
      const pageSizes: number[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const response = await b.list(owner, { limit: 3, ...(cursor ? { cursor } : {}) });
        expectStatus(response, 200);
        seen.push(...(response.body.items as Json[]));
        pageSizes.push((response.body.items as Json[]).length);
        cursor = (response.body.nextCursor as string | null) ?? undefined;
        if (!cursor) break;
      }
      expect(pageSizes).toEqual([3, 3, 3, 2]);
      const seenIds = seen.map((item) => item.id as string);
      expect(new Set(seenIds).size).toBe(seenIds.length);
      expect([...seenIds].sort()).toEqual(
        made.map((response) => response.body.id as string).sort(),
      );
      const order = seen.map((item) => [item.createdAt as string, item.id as string]);
      expect(order).toEqual(
        [...order].sort(([at1, id1], [at2, id2]) =>
          at1 === at2 ? ascii(id1, id2) : ascii(at1, at2),
        ),
      );
    });
  });
});
