import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  createTestContext,
  insertBooker,
  insertPublishedSession,
  TestBooker,
} from '@mutualis/testing';
import { BookingErrorCode } from '../../booking.exception';
import { BookingModule } from '../../booking.module';
import { BookingFactsService } from '../../services/booking-facts.service';
import { ConfirmBookingUseCase } from '../confirm-booking/confirm-booking.use-case';
import { BookCommand, BookUseCase } from './book.use-case';

interface Structure {
  engagementNumberRequired?: boolean;
  serviceCodeRequired?: boolean;
  defaultServiceCode?: string | null;
}

// A public body's Chorus Pro structure may require an engagement number and a service code on
// its invoices: its bookings carry them, and are neither made nor confirmed without them.
describe('the Chorus Pro references of a public body’s booking', () => {
  let context: INestApplicationContext;
  let db: DataSource;

  beforeAll(async () => {
    context = await createTestContext([BookingModule]);
    db = context.get(DataSource);
  });

  afterAll(async () => {
    await context.close();
  });

  async function publicBody(structure: Structure): Promise<TestBooker> {
    const booker = await insertBooker(db);
    await db.query(
      `UPDATE organisations
          SET is_public_body = true, chorus_engagement_number_required = $2,
              chorus_service_code_required = $3, chorus_default_service_code = $4
        WHERE id = $1`,
      [
        booker.organisationId,
        structure.engagementNumberRequired ?? false,
        structure.serviceCodeRequired ?? false,
        structure.defaultServiceCode ?? null,
      ],
    );
    return booker;
  }

  async function book(
    booker: TestBooker,
    references: Pick<BookCommand, 'engagementNumber' | 'serviceCode'> = {},
  ) {
    const { sessionId } = await insertPublishedSession(db, { capacity: 5 });
    const attempt = context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId,
      attendees: [{ name: 'Agent public', email: `agent-${randomUUID()}@test.mutualis.fr` }],
      ...references,
    });
    return { sessionId, attempt };
  }

  const bookingsOn = async (sessionId: string) => {
    const [row] = await db.query<{ bookings: number; seats_taken: number }[]>(
      `SELECT (SELECT count(*)::int FROM bookings WHERE session_id = s.id) AS bookings, s.seats_taken
         FROM sessions s WHERE s.id = $1`,
      [sessionId],
    );
    return row;
  };

  it('refuses to book without the engagement number the structure requires, holding no seat', async () => {
    const booker = await publicBody({ engagementNumberRequired: true });
    const { sessionId, attempt } = await book(booker);
    await expect(attempt).rejects.toMatchObject({
      code: BookingErrorCode.EngagementNumberRequired,
      kind: 'unprocessable',
      fields: [{ field: 'engagementNumber', message: 'is required by the Chorus Pro structure' }],
    });
    expect(await bookingsOn(sessionId)).toEqual({ bookings: 0, seats_taken: 0 });
  });

  it('refuses to book without the service code the structure requires, naming each missing reference', async () => {
    const booker = await publicBody({ engagementNumberRequired: true, serviceCodeRequired: true });
    const { attempt } = await book(booker, { serviceCode: '   ' });
    await expect(attempt).rejects.toMatchObject({
      code: BookingErrorCode.EngagementNumberRequired,
      fields: [
        { field: 'engagementNumber', message: expect.any(String) },
        { field: 'serviceCode', message: expect.any(String) },
      ],
    });
    const onlyService = await book(booker, { engagementNumber: 'EJ-2027-0042' });
    await expect(onlyService.attempt).rejects.toMatchObject({
      code: BookingErrorCode.ServiceCodeRequired,
      fields: [{ field: 'serviceCode', message: expect.any(String) }],
    });
  });

  it('books with them, keeps them trimmed on the booking and hands them to the invoice', async () => {
    const booker = await publicBody({ engagementNumberRequired: true, serviceCodeRequired: true });
    const { attempt } = await book(booker, {
      engagementNumber: ' EJ-2027-0042 ',
      serviceCode: 'DSI-FORMATION',
    });
    const { body } = await attempt;
    expect(body).toMatchObject({
      status: 'pending_payment',
      engagementNumber: 'EJ-2027-0042',
      serviceCode: 'DSI-FORMATION',
    });
    const confirmed = await context.get(ConfirmBookingUseCase).execute({
      bookingId: body.id,
      method: 'administrative_mandate',
      confirmedBy: booker.actor.userId,
    });
    expect(confirmed.status).toBe('confirmed');
    expect(await context.get(BookingFactsService).forInvoice(body.id)).toMatchObject({
      engagementNumber: 'EJ-2027-0042',
      serviceCode: 'DSI-FORMATION',
    });
  });

  it('takes the structure’s default service code when the booking gives none', async () => {
    const booker = await publicBody({ serviceCodeRequired: true, defaultServiceCode: 'SERV-RH' });
    const { body } = await (await book(booker)).attempt;
    expect(body).toMatchObject({ engagementNumber: null, serviceCode: 'SERV-RH' });
  });

  it('books a public body whose structure requires nothing without references', async () => {
    const booker = await publicBody({});
    const { body } = await (await book(booker)).attempt;
    expect(body).toMatchObject({ engagementNumber: null, serviceCode: null });
  });

  it('refuses references Chorus Pro would not take: too long, control characters', async () => {
    const booker = await publicBody({ engagementNumberRequired: true });
    for (const engagementNumber of ['E'.repeat(51), 'EJ\u000042', 'EJ\u200b42']) {
      const { sessionId, attempt } = await book(booker, { engagementNumber });
      await expect(attempt).rejects.toMatchObject({
        code: BookingErrorCode.InvalidBooking,
        fields: [{ field: 'engagementNumber', message: expect.any(String) }],
      });
      expect(await bookingsOn(sessionId)).toEqual({ bookings: 0, seats_taken: 0 });
    }
  });

  it('refuses references on the booking of an organisation that is not a public body', async () => {
    const booker = await insertBooker(db);
    const { sessionId, attempt } = await book(booker, { engagementNumber: 'EJ-1' });
    await expect(attempt).rejects.toMatchObject({
      code: BookingErrorCode.ProcurementReferencesNotApplicable,
      fields: [{ field: 'engagementNumber', message: expect.any(String) }],
    });
    expect(await bookingsOn(sessionId)).toEqual({ bookings: 0, seats_taken: 0 });
  });

  it('refuses to confirm a booking made before its structure required an engagement number, and changes nothing', async () => {
    const booker = await publicBody({});
    const { body } = await (await book(booker)).attempt;
    await db.query(
      `UPDATE organisations SET chorus_engagement_number_required = true WHERE id = $1`,
      [booker.organisationId],
    );
    await expect(
      context.get(ConfirmBookingUseCase).execute({
        bookingId: body.id,
        method: 'administrative_mandate',
        confirmedBy: booker.actor.userId,
      }),
    ).rejects.toMatchObject({ code: BookingErrorCode.EngagementNumberRequired });
    const [row] = await db.query<{ status: string }[]>(
      `SELECT status FROM bookings WHERE id = $1`,
      [body.id],
    );
    expect(row.status).toBe('pending_payment');
  });

  it('holds the format in the database too', async () => {
    const booker = await publicBody({});
    const { body } = await (await book(booker)).attempt;
    for (const value of [' EJ', 'E'.repeat(51), 'EJ\t1', '']) {
      await expect(
        db.query(`UPDATE bookings SET engagement_number = $2 WHERE id = $1`, [body.id, value]),
      ).rejects.toThrow(/bookings_engagement_number_valid/);
    }
    await expect(
      db.query(`UPDATE bookings SET service_code = repeat('s', 101) WHERE id = $1`, [body.id]),
    ).rejects.toThrow(/bookings_service_code_valid/);
  });
});
