import request from 'supertest';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { insertOrganisations, insertPublishedSession } from '@mutualis/testing';
import { registerAndLogIn, TestUser, userWithRoles } from '../support/api-client';
import { expectCompleteProblem } from '../support/expectations';
import { createTestApp } from '../support/test-app';
import { attendees, bearer, bookingApi, sessionState, storedBooking } from './booking-fixtures';

// Issue 18 §4: invoices apply metropolitan VAT only. An organisation established overseas is
// refused with a clear 4xx wherever money could change hands next (booking, checkout, a cheque
// confirmed by the Chambre), rather than invoiced wrongly.
describe('organisations established overseas', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  let api: ReturnType<typeof bookingApi>;
  let admin: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
    api = bookingApi(app);
    admin = await userWithRoles(app, 'overseas-admin', ['admin']);
  });

  afterAll(async () => {
    await app.close();
  });

  async function memberOf(postalCode: string, department: string, city: string) {
    const user = await registerAndLogIn(app, 'overseas');
    const [organisationId] = await insertOrganisations(db, user.id, 1);
    await db.query(
      `UPDATE organisations SET postal_code = $2, department = $3, city = $4 WHERE id = $1`,
      [organisationId, postalCode, department, city],
    );
    return { user, organisationId };
  }

  const moveTo = (organisationId: string, postalCode: string, department: string) =>
    db.query(`UPDATE organisations SET postal_code = $2, department = $3 WHERE id = $1`, [
      organisationId,
      postalCode,
      department,
    ]);

  it('answers a booking 422 overseas_buyer_not_invoiceable, naming the territory, and holds nothing', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 5 });
    const before = await sessionState(db, sessionId);
    const { user, organisationId } = await memberOf('97400', '974', 'Saint-Denis');

    const response = await api.book(user, { organisationId, sessionId, attendees: attendees(2) });

    const problem = expectCompleteProblem(
      response,
      422,
      'overseas_buyer_not_invoiceable',
      '/api/bookings',
    );
    expect(problem).toMatchObject({ territory: '974', territoryName: 'La Réunion' });
    expect(problem.detail).toMatch(/La Réunion.*cannot invoice it yet/);
    expect(await sessionState(db, sessionId)).toEqual(before);
  });

  it('refuses to take the payment of a booking whose organisation has moved overseas since', async () => {
    const { sessionId } = await insertPublishedSession(db, { capacity: 5 });
    const { user, organisationId } = await memberOf('13002', '13', 'Marseille');
    const booking = await api.booked(
      user,
      { organisationId, sessionId, attendees: attendees(1) },
      'pending_payment',
    );
    await moveTo(organisationId, '97110', '971');

    for (const method of ['bank_transfer', 'card']) {
      const checkout = await request(app.getHttpServer())
        .post(`/api/bookings/${booking.id as string}/checkout`)
        .auth(user.accessToken, bearer)
        .send({ method });
      expectCompleteProblem(checkout, 422, 'overseas_buyer_not_invoiceable');
    }
    const cheque = await api.confirm(admin, booking.id as string, 'cheque');
    expectCompleteProblem(cheque, 422, 'overseas_buyer_not_invoiceable');
    expect((await storedBooking(db, booking.id as string)).status).toBe('pending_payment');
    // No invoice, not even the draft a bank-transfer checkout makes.
    expect(await db.query(`SELECT id FROM invoices WHERE booking_id = $1`, [booking.id])).toEqual(
      [],
    );
  });
});
