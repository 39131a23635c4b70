import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainException } from '@mutualis/core';
import {
  createTestContext,
  insertBooker,
  insertPublishedSession,
  TestBooker,
} from '@mutualis/testing';
import { BookingErrorCode } from '../../booking.exception';
import { BookingModule } from '../../booking.module';
import { BookUseCase } from '../book/book.use-case';
import { CancelBookingUseCase } from '../cancel-booking/cancel-booking.use-case';
import { ExpireHoldUseCase } from '../expire-hold/expire-hold.use-case';
import { ConfirmBookingCommand, ConfirmBookingUseCase } from './confirm-booking.use-case';
import { BookingEvents } from '../../booking.events';

describe('ConfirmBookingUseCase', () => {
  let context: INestApplicationContext;
  let db: DataSource;

  beforeAll(async () => {
    context = await createTestContext([BookingModule]);
    db = context.get(DataSource);
  });

  afterAll(async () => {
    await context.close();
  });

  /**
   * The one call of the use case in this file: on its own transaction, or inside the caller's
   * (as a payment being recorded confirms it).
   */
  function confirm(
    bookingId: string,
    options: { within?: EntityManager; confirmedBy?: string | null } = {},
  ) {
    const command: ConfirmBookingCommand = {
      bookingId,
      method: 'cheque',
      confirmedBy: options.confirmedBy ?? null,
    };
    const useCase = context.get(ConfirmBookingUseCase);
    return options.within ? useCase.within(options.within, command) : useCase.execute(command);
  }

  /** A booking awaiting payment (status `pending_payment`, seats held). */
  async function heldBooking(
    capacity = 5,
  ): Promise<{ bookingId: string; booker: TestBooker; sessionId: string }> {
    const { sessionId } = await insertPublishedSession(db, { capacity });
    const booker = await insertBooker(db);
    const { body } = await context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId,
      attendees: [{ name: 'Léa', email: `lea-${randomUUID()}@test.mutualis.fr` }],
    });
    return { bookingId: body.id, booker, sessionId };
  }

  async function stored(bookingId: string) {
    const [row] = await db.query<
      {
        status: string;
        confirmed_at: Date | null;
        confirmed_by: string | null;
        confirmation_method: string | null;
        hold_expires_at: Date | null;
      }[]
    >(
      `SELECT status, confirmed_at, confirmed_by, confirmation_method, hold_expires_at
         FROM bookings WHERE id = $1`,
      [bookingId],
    );
    return row;
  }

  async function confirmations(bookingId: string): Promise<{ method: string }[]> {
    const rows = await db.query<{ payload: { method: string } }[]>(
      `SELECT payload FROM outbox_events WHERE aggregate_id = $1 AND type = $2`,
      [bookingId, BookingEvents.Confirmed],
    );
    return rows.map((row) => row.payload);
  }

  async function expectNotConfirmable(attempt: Promise<unknown>): Promise<void> {
    const error: unknown = await attempt.then(
      () => null,
      (refusal: unknown) => refusal,
    );
    expect(error).toBeInstanceOf(DomainException);
    expect(error).toMatchObject({ code: BookingErrorCode.NotConfirmable });
  }

  it('confirms a held booking, ends its hold and announces it once', async () => {
    const { bookingId, booker } = await heldBooking();

    const view = await confirm(bookingId, { confirmedBy: booker.actor.userId });

    expect(view).toMatchObject({
      id: bookingId,
      status: 'confirmed',
      confirmationMethod: 'cheque',
      holdExpiresAt: null,
    });
    expect(await stored(bookingId)).toMatchObject({
      status: 'confirmed',
      confirmed_at: expect.any(Date),
      confirmed_by: booker.actor.userId,
      confirmation_method: 'cheque',
      hold_expires_at: null,
    });
    expect(await confirmations(bookingId)).toEqual([
      expect.objectContaining({ method: 'cheque', status: 'confirmed' }),
    ]);
  });

  it('confirms a booking offered from the waitlist', async () => {
    const { bookingId: first, booker, sessionId } = await heldBooking(1);
    const { body: waiting } = await context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId,
      attendees: [{ name: 'Marc', email: `marc-${randomUUID()}@test.mutualis.fr` }],
    });
    expect(waiting.status).toBe('waitlisted');
    await context.get(CancelBookingUseCase).execute({ actor: booker.actor, bookingId: first });
    expect((await stored(waiting.id)).status).toBe('offered');

    await confirm(waiting.id);

    expect((await stored(waiting.id)).status).toBe('confirmed');
    expect(await confirmations(waiting.id)).toHaveLength(1);
  });

  it('confirms once: a second confirmation is refused, and many at once confirm it exactly once', async () => {
    const { bookingId } = await heldBooking();
    await confirm(bookingId);
    await expectNotConfirmable(confirm(bookingId));
    expect(await confirmations(bookingId)).toHaveLength(1);

    const { bookingId: raced } = await heldBooking();
    // Every connection of the pool open beforehand, so the confirmations truly overlap.
    await Promise.all(Array.from({ length: 4 }, () => db.query(`SELECT pg_sleep(0.05)`)));
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => confirm(raced)));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        expect(outcome.reason).toBeInstanceOf(DomainException);
        expect(outcome.reason).toMatchObject({ code: BookingErrorCode.NotConfirmable });
      }
    }
    expect(await confirmations(raced)).toHaveLength(1);
  });

  it('refuses an expired, a cancelled or a waitlisted booking, changing nothing', async () => {
    const { bookingId: expired } = await heldBooking();
    await db.query(
      `UPDATE bookings SET hold_expires_at = now() - interval '1 second' WHERE id = $1`,
      [expired],
    );
    expect(await context.get(ExpireHoldUseCase).execute(expired)).toBe('expired');

    const { bookingId: cancelled, booker } = await heldBooking();
    await context.get(CancelBookingUseCase).execute({ actor: booker.actor, bookingId: cancelled });

    const { sessionId } = await insertPublishedSession(db, { capacity: 1 });
    const book = (who: TestBooker) =>
      context.get(BookUseCase).execute({
        actor: who.actor,
        organisationId: who.organisationId,
        sessionId,
        attendees: [{ name: 'Léa', email: `lea-${randomUUID()}@test.mutualis.fr` }],
      });
    await book(booker);
    const { body: waitlisted } = await book(booker);

    for (const [bookingId, status] of [
      [expired, 'expired'],
      [cancelled, 'cancelled'],
      [waitlisted.id, 'waitlisted'],
    ]) {
      await expectNotConfirmable(confirm(bookingId));
      expect(await stored(bookingId)).toMatchObject({ status, confirmed_at: null });
      expect(await confirmations(bookingId)).toEqual([]);
    }
  });

  it('answers booking_not_found for an unknown booking', async () => {
    await expect(confirm(randomUUID())).rejects.toMatchObject({
      code: BookingErrorCode.BookingNotFound,
    });
  });

  it('writes its event in the caller’s transaction: rolled back, neither the confirmation nor the event remains', async () => {
    const { bookingId } = await heldBooking();
    const rollback = new Error('the payment being recorded failed after the confirmation');

    await expect(
      db.transaction(async (manager) => {
        await confirm(bookingId, { within: manager });
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect((await stored(bookingId)).status).toBe('pending_payment');
    expect(await confirmations(bookingId)).toEqual([]);

    await db.transaction(async (manager) => {
      await confirm(bookingId, { within: manager });
    });
    expect((await stored(bookingId)).status).toBe('confirmed');
    expect(await confirmations(bookingId)).toHaveLength(1);
  });
});
