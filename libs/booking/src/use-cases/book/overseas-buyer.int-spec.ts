import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityErrorCode } from '@mutualis/identity';
import {
  createTestContext,
  insertBooker,
  insertPublishedSession,
  TestBooker,
} from '@mutualis/testing';
import { BookingModule } from '../../booking.module';
import { ConfirmBookingUseCase } from '../confirm-booking/confirm-booking.use-case';
import { BookUseCase } from './book.use-case';

// Issue 18 §4: an organisation established overseas is not invoiced with metropolitan VAT;
// until its territory's VAT is implemented, nothing is booked for it (before money is taken).
describe('booking for an organisation established overseas', () => {
  let context: INestApplicationContext;
  let db: DataSource;

  beforeAll(async () => {
    context = await createTestContext([BookingModule]);
    db = context.get(DataSource);
  });

  afterAll(async () => {
    await context.close();
  });

  async function bookerAt(postalCode: string, department: string): Promise<TestBooker> {
    const booker = await insertBooker(db);
    await db.query(`UPDATE organisations SET postal_code = $2, department = $3 WHERE id = $1`, [
      booker.organisationId,
      postalCode,
      department,
    ]);
    return booker;
  }

  const book = (booker: TestBooker, sessionId: string) =>
    context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId,
      attendees: [{ name: 'Participant', email: `p-${randomUUID()}@test.mutualis.fr` }],
    });

  async function sessionState(sessionId: string) {
    const [state] = await db.query<{ seats_taken: number; bookings: number }[]>(
      `SELECT seats_taken, (SELECT count(*)::int FROM bookings WHERE session_id = s.id) AS bookings
         FROM sessions s WHERE id = $1`,
      [sessionId],
    );
    return state;
  }

  it.each([
    ['97110', '971', 'Guadeloupe'],
    ['97200', '972', 'Martinique'],
    ['97300', '973', 'Guyane'],
    ['97400', '974', 'La Réunion'],
    ['97600', '976', 'Mayotte'],
    ['97500', '975', 'Saint-Pierre-et-Miquelon'],
    ['97133', '971', 'Saint-Barthélemy'],
    ['97150', '971', 'Saint-Martin'],
    // The département derived from these postal codes is '98': the postal code tells.
    ['98714', '98', 'Polynésie française'],
    ['98800', '98', 'Nouvelle-Calédonie'],
    ['98600', '98', 'Wallis-et-Futuna'],
  ])(
    'refuses (422) an organisation at %s, holding no seat and writing nothing',
    async (postalCode, department, territory) => {
      const { sessionId } = await insertPublishedSession(db, { capacity: 1 });
      const before = await sessionState(sessionId);

      await expect(book(await bookerAt(postalCode, department), sessionId)).rejects.toMatchObject({
        code: IdentityErrorCode.OverseasBuyer,
        kind: 'unprocessable',
        message: expect.stringContaining(territory),
      });

      expect(await sessionState(sessionId)).toEqual(before);
    },
  );

  it('books for organisations in metropolitan France, Corsica included', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 3 });
    const { body } = await book(await bookerAt('20000', '2A'), sessionId);
    expect(body.status).toBe('pending_payment');
    await expect(book(await bookerAt('13001', '13'), sessionId)).resolves.toBeDefined();
  });

  it('lets nobody confirm by cheque a booking whose organisation has since moved overseas', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 2 });
    const booker = await bookerAt('13001', '13');
    const { body } = await book(booker, sessionId);
    await db.query(
      `UPDATE organisations SET postal_code = '97400', department = '974' WHERE id = $1`,
      [booker.organisationId],
    );
    const confirm = context.get(ConfirmBookingUseCase);

    await expect(
      confirm.execute({ bookingId: body.id, method: 'cheque', confirmedBy: booker.actor.userId }),
    ).rejects.toMatchObject({ code: IdentityErrorCode.OverseasBuyer });
    const [{ status }] = await db.query<{ status: string }[]>(
      `SELECT status FROM bookings WHERE id = $1`,
      [body.id],
    );
    expect(status).toBe('pending_payment');
    // Money a provider already took still confirms it (its invoice is then held, see invoicing).
    await expect(
      confirm.execute({ bookingId: body.id, method: 'card', confirmedBy: null }),
    ).resolves.toMatchObject({ status: 'confirmed' });
  });
});
