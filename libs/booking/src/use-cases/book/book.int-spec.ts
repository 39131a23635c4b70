import { randomBytes, randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainException } from '@mutualis/core';
import { PublishOfferingUseCase, SetVatTreatmentUseCase } from '@mutualis/catalogue';
import { Actor, IdentityErrorCode } from '@mutualis/identity';
import {
  attestTrainingExemption,
  createTestContext,
  DAY_MS,
  insertBooker,
  insertPublishedSession,
  insertVerifiedUser,
  TestBooker,
} from '@mutualis/testing';
import { BookingErrorCode } from '../../booking.exception';
import { BookingModule } from '../../booking.module';
import { BookCommand, BookedView, BookUseCase } from './book.use-case';
import { BookingEvents } from '../../booking.events';

/** The hold the test environment leaves at its default (BOOKING_HOLD_SECONDS). */
const HOLD_MS = 1800 * 1000;

describe('BookUseCase', () => {
  let context: INestApplicationContext;
  let db: DataSource;

  beforeAll(async () => {
    context = await createTestContext([BookingModule]);
    db = context.get(DataSource);
  });

  afterAll(async () => {
    await context.close();
  });

  /** The one call of the use case in this file. */
  async function book(
    booker: TestBooker,
    sessionId: string,
    seats = 1,
    extra: Partial<BookCommand> = {},
  ): Promise<BookedView> {
    const { body } = await context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId,
      attendees: attendees(seats),
      ...extra,
    });
    return body;
  }

  function attendees(count: number): { name: string; email: string }[] {
    const tag = randomBytes(4).toString('hex');
    return Array.from({ length: count }, (_, index) => ({
      name: `Participant ${index + 1}`,
      email: `p${index + 1}-${tag}@test.mutualis.fr`,
    }));
  }

  /** Seats taken, bookings by status and outbox events by type, for one session. */
  async function sessionState(sessionId: string) {
    const [{ seats_taken: seatsTaken }] = await db.query<{ seats_taken: number }[]>(
      `SELECT seats_taken FROM sessions WHERE id = $1`,
      [sessionId],
    );
    const bookings = await db.query<{ status: string; n: number }[]>(
      `SELECT status, count(*)::int AS n FROM bookings WHERE session_id = $1 GROUP BY status`,
      [sessionId],
    );
    const events = await db.query<{ type: string; n: number }[]>(
      `SELECT e.type, count(*)::int AS n FROM outbox_events e
         JOIN bookings b ON b.id = e.aggregate_id WHERE b.session_id = $1 GROUP BY e.type`,
      [sessionId],
    );
    return {
      seatsTaken,
      bookings: Object.fromEntries(bookings.map((row) => [row.status, row.n])),
      events: Object.fromEntries(events.map((row) => [row.type, row.n])),
    };
  }

  it('never sells more seats than the session has, however many book at once: the rest wait', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 3 });
    // One organisation and user each, so only the session's lock stands between them.
    const bookers = await Promise.all(Array.from({ length: 8 }, () => insertBooker(db)));

    const booked = await Promise.all(bookers.map((booker) => book(booker, sessionId)));

    expect(booked.filter((view) => view.status === 'pending_payment')).toHaveLength(3);
    expect(booked.filter((view) => view.status === 'waitlisted')).toHaveLength(5);
    expect(await sessionState(sessionId)).toEqual({
      seatsTaken: 3,
      bookings: { pending_payment: 3, waitlisted: 5 },
      events: {
        [BookingEvents.Created]: 3,
        [BookingEvents.HoldExpiryDue]: 3,
        [BookingEvents.Waitlisted]: 5,
      },
    });
  });

  it('puts a booking of more seats than are left on the waitlist whole, taking none', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 3 });
    await book(await insertBooker(db), sessionId, 2);

    const waiting = await book(await insertBooker(db), sessionId, 2);

    expect(waiting).toMatchObject({ status: 'waitlisted', holdExpiresAt: null, seats: 2 });
    expect((await sessionState(sessionId)).seatsTaken).toBe(2);
  });

  it('charges a Chambre member the member price and anyone else the non-member price, VAT on top', async () => {
    const { sessionId } = await insertPublishedSession(db, {
      memberPriceCents: 18_000,
      nonMemberPriceCents: 26_000,
      vatTreatment: 'standard',
    });

    const member = await book(await insertBooker(db, 'active'), sessionId, 2);
    const stranger = await book(await insertBooker(db, null), sessionId, 2);
    const lapsed = await book(await insertBooker(db, 'lapsed'), sessionId, 1);

    expect(member).toMatchObject({
      memberPrice: true,
      unitPriceCents: 18_000,
      totalExclVatCents: 36_000,
      vatRateBasisPoints: 2000,
      totalVatCents: 7_200,
      totalInclVatCents: 43_200,
    });
    expect(stranger).toMatchObject({
      memberPrice: false,
      unitPriceCents: 26_000,
      totalExclVatCents: 52_000,
      totalVatCents: 10_400,
      totalInclVatCents: 62_400,
    });
    expect(lapsed).toMatchObject({ memberPrice: false, unitPriceCents: 26_000 });
  });

  it('charges no VAT on exempt training', async () => {
    const { sessionId } = await insertPublishedSession(db, {
      memberPriceCents: 12_345,
      vatTreatment: 'exempt_training',
    });

    expect(await book(await insertBooker(db), sessionId, 3)).toMatchObject({
      vatTreatment: 'exempt_training',
      vatRateBasisPoints: 0,
      totalExclVatCents: 37_035,
      totalVatCents: 0,
      totalInclVatCents: 37_035,
    });
  });

  it('exempts services to members for members only: a non-member is sold the same service at 20 %', async () => {
    const { sessionId } = await insertPublishedSession(db, {
      memberPriceCents: 10_000,
      nonMemberPriceCents: 15_000,
      vatTreatment: 'exempt_members',
    });

    expect(await book(await insertBooker(db, 'active'), sessionId)).toMatchObject({
      vatTreatment: 'exempt_members',
      totalVatCents: 0,
      totalInclVatCents: 10_000,
    });
    expect(await book(await insertBooker(db, null), sessionId)).toMatchObject({
      vatTreatment: 'standard',
      vatRateBasisPoints: 2000,
      totalVatCents: 3_000,
      totalInclVatCents: 18_000,
    });
  });

  it('keeps the regime a booking snapshotted while a VAT change awaits moderation, and once it is approved', async () => {
    const staff = async (role: 'admin' | 'finance'): Promise<Actor> => {
      const [{ id }] = await db.query<{ id: string }[]>(
        `INSERT INTO users (email, name, password_hash, platform_roles)
         VALUES ($1 || '-' || gen_random_uuid() || '@test.mutualis.fr', 'Chambre', 'x', ARRAY[$1]) RETURNING id`,
        [role],
      );
      return { userId: id, roles: [role] };
    };
    await attestTrainingExemption(db);
    const { offeringId, sessionId } = await insertPublishedSession(db, {
      memberPriceCents: 10_000,
      vatTreatment: 'standard',
    });
    const before = await book(await insertBooker(db), sessionId);

    await context
      .get(SetVatTreatmentUseCase)
      .execute({ actor: await staff('finance'), offeringId, vatTreatment: 'exempt_training' });
    const waiting = await book(await insertBooker(db), sessionId);
    expect(waiting).toMatchObject({ vatTreatment: 'standard', totalInclVatCents: 12_000 });

    await context.get(PublishOfferingUseCase).execute(await staff('admin'), offeringId);
    const after = await book(await insertBooker(db), sessionId);
    expect(after).toMatchObject({ vatTreatment: 'exempt_training', totalInclVatCents: 10_000 });

    const snapshots = await db.query<{ id: string; vat_treatment: string; total: string }[]>(
      `SELECT id, vat_treatment, total_incl_vat_cents AS total FROM bookings WHERE id = ANY($1)`,
      [[before.id, waiting.id]],
    );
    expect(snapshots.map(({ vat_treatment, total }) => [vat_treatment, total])).toEqual([
      ['standard', '12000'],
      ['standard', '12000'],
    ]);
  });

  it('holds the seats for the hold period, with the expiry scheduled in the same transaction', async () => {
    const { sessionId } = await insertPublishedSession(db);
    const before = Date.now();

    const held = await book(await insertBooker(db), sessionId);

    expect(held.status).toBe('pending_payment');
    const expiresAt = Date.parse(held.holdExpiresAt!);
    expect(expiresAt).toBeGreaterThanOrEqual(before + HOLD_MS);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + HOLD_MS);
    const [due] = await db.query<{ deliver_at: Date; payload: { bookingId: string } }[]>(
      `SELECT deliver_at, payload FROM outbox_events
        WHERE aggregate_id = $1 AND type = $2`,
      [held.id, BookingEvents.HoldExpiryDue],
    );
    expect(due.deliver_at.toISOString()).toBe(held.holdExpiresAt);
    expect(due.payload).toEqual({ bookingId: held.id });
  });

  it('never holds past the start of the service', async () => {
    const { sessionId } = await insertPublishedSession(db, {
      startsInMs: 10 * 60_000,
      registrationDeadlineInMs: 5 * 60_000,
    });

    const held = await book(await insertBooker(db), sessionId);

    expect(held.holdExpiresAt).toBe(held.serviceStartsAt);
  });

  describe('refusals, as typed errors that leave the session as it was', () => {
    async function expectRefused(
      attempt: Promise<unknown>,
      sessionId: string | null,
      code: string,
    ): Promise<void> {
      const before = sessionId ? await sessionState(sessionId) : null;
      const error: unknown = await attempt.then(
        () => null,
        (refusal: unknown) => refusal,
      );
      expect(error).toBeInstanceOf(DomainException);
      expect(error).toMatchObject({ code });
      if (sessionId) expect(await sessionState(sessionId)).toEqual(before);
    }

    it('refuses an unknown session, and a session whose registration has closed', async () => {
      const booker = await insertBooker(db);
      await expectRefused(book(booker, randomUUID()), null, BookingErrorCode.SessionNotFound);
      const { sessionId } = await insertPublishedSession(db, {
        startsInMs: DAY_MS,
        registrationDeadlineInMs: -60_000,
      });
      await expectRefused(book(booker, sessionId), sessionId, BookingErrorCode.RegistrationClosed);
    });

    it('refuses more seats than the session could ever hold, and repeated attendees', async () => {
      const booker = await insertBooker(db);
      const { sessionId } = await insertPublishedSession(db, { capacity: 2 });
      await expectRefused(
        book(booker, sessionId, 3),
        sessionId,
        BookingErrorCode.MoreSeatsThanCapacity,
      );
      const twice = { name: 'Léa', email: 'lea-twice@test.mutualis.fr' };
      await expectRefused(
        book(booker, sessionId, 0, {
          attendees: [twice, { ...twice, email: 'LEA-twice@test.mutualis.fr' }],
        }),
        sessionId,
        BookingErrorCode.InvalidBooking,
      );
    });

    it('refuses seats beyond the offering’s limit per organisation', async () => {
      const booker = await insertBooker(db);
      const { sessionId } = await insertPublishedSession(db, { maxSeatsPerOrganisation: 2 });
      await book(booker, sessionId, 1);
      await expectRefused(
        book(booker, sessionId, 2),
        sessionId,
        BookingErrorCode.OrganisationSeatLimit,
      );
    });

    it('refuses a user who does not belong to the organisation, or whose address is unverified', async () => {
      const { sessionId } = await insertPublishedSession(db);
      const { organisationId } = await insertBooker(db);
      const stranger = {
        actor: { userId: await insertVerifiedUser(db), roles: [] as [] },
        organisationId,
      };
      await expect(book(stranger, sessionId)).rejects.toMatchObject({
        code: IdentityErrorCode.OrganisationNotFound,
      });
      const unverified = await insertBooker(db);
      await db.query(`UPDATE users SET email_verified_at = NULL WHERE id = $1`, [
        unverified.actor.userId,
      ]);
      await expectRefused(
        book(unverified, sessionId),
        sessionId,
        IdentityErrorCode.EmailNotVerified,
      );
    });
  });
});
