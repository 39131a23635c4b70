import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestContext, insertOrganisations, insertVerifiedUser } from '@mutualis/testing';
import { MembershipModule } from '../../membership.module';
import { MembershipEvents } from '../../membership.events';
import { LapseUnpaidMembershipsUseCase } from './lapse-unpaid-memberships.use-case';

// Years no other spec uses: the lapse reads every year whose grace date has passed.
describe('LapseUnpaidMembershipsUseCase', () => {
  let context: INestApplicationContext;
  let db: DataSource;

  beforeAll(async () => {
    context = await createTestContext([MembershipModule]);
    db = context.get(DataSource);
  });

  afterAll(async () => {
    await context.close();
  });

  it('lapses the pending memberships of years whose grace date has passed, once, with an event each', async () => {
    const [{ id: chambreId }] = await db.query<{ id: string }[]>(
      `SELECT id FROM chambres WHERE slug = 'default'`,
    );
    const userId = await insertVerifiedUser(db, 'lapse-int');
    const [unpaid, paid, later] = await insertOrganisations(db, userId, 3, null);
    await db.query(
      `INSERT INTO membership_fee_schedules (chambre_id, year, vat_treatment, grace_until)
       VALUES ($1, 2093, 'out_of_scope', (now() AT TIME ZONE 'Europe/Paris')::date - 1),
              ($1, 2094, 'out_of_scope', (now() AT TIME ZONE 'Europe/Paris')::date)`,
      [chambreId],
    );
    await db.query(
      `INSERT INTO memberships (organisation_id, year, status, fee_cents)
       VALUES ($1, 2093, 'pending', 100), ($2, 2093, 'active', 100), ($3, 2094, 'pending', 100)`,
      [unpaid, paid, later],
    );
    const lapse = context.get(LapseUnpaidMembershipsUseCase);
    const first = await lapse.execute();
    expect(first.years).toContain(2093);
    expect(first.years).not.toContain(2094);
    const statuses = await db.query<{ organisation_id: string; status: string }[]>(
      `SELECT organisation_id, status FROM memberships WHERE organisation_id = ANY($1::uuid[])`,
      [[unpaid, paid, later]],
    );
    expect(Object.fromEntries(statuses.map((row) => [row.organisation_id, row.status]))).toEqual({
      [unpaid]: 'lapsed',
      [paid]: 'active',
      [later]: 'pending',
    });
    await lapse.execute();
    const [{ events }] = await db.query<{ events: number }[]>(
      `SELECT count(*)::int AS events FROM outbox_events
        WHERE type = $2 AND payload ->> 'organisationId' = $1`,
      [unpaid, MembershipEvents.Lapsed],
    );
    expect(events).toBe(1);
  });

  it('lapses a year of more than a thousand unpaid memberships in one transaction', async () => {
    const [{ id: chambreId }] = await db.query<{ id: string }[]>(
      `SELECT id FROM chambres WHERE slug = 'default'`,
    );
    const userId = await insertVerifiedUser(db, 'lapse-many');
    const organisations = await insertOrganisations(db, userId, 1_200, null);
    await db.query(
      `INSERT INTO membership_fee_schedules (chambre_id, year, vat_treatment, grace_until)
       VALUES ($1, 2095, 'out_of_scope', (now() AT TIME ZONE 'Europe/Paris')::date - 1)`,
      [chambreId],
    );
    await db.query(
      `INSERT INTO memberships (organisation_id, year, status, fee_cents)
       SELECT unnest($1::uuid[]), 2095, 'pending', 100`,
      [organisations],
    );
    await context.get(LapseUnpaidMembershipsUseCase).execute();
    const [{ lapsed, events }] = await db.query<{ lapsed: number; events: number }[]>(
      `SELECT (SELECT count(*)::int FROM memberships WHERE year = 2095 AND status = 'lapsed') AS lapsed,
              (SELECT count(*)::int FROM outbox_events
                WHERE type = $1 AND (payload ->> 'year')::int = 2095) AS events`,
      [MembershipEvents.Lapsed],
    );
    expect({ lapsed, events }).toEqual({ lapsed: 1_200, events: 1_200 });
  });
});
