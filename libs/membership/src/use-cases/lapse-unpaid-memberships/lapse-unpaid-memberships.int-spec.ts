import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@mutualis/core';
import { IssueMembershipInvoiceUseCase } from '@mutualis/invoicing';
import {
  configureChambre,
  createTestContext,
  insertOrganisations,
  insertVerifiedUser,
} from '@mutualis/testing';
import { MembershipModule } from '../../membership.module';
import { MembershipEvents } from '../../membership.events';
import { LapseUnpaidMembershipsUseCase } from './lapse-unpaid-memberships.use-case';

const DAY_MS = 86_400_000;

// Years no other spec uses: the lapse reads every year whose grace date has passed.
describe('LapseUnpaidMembershipsUseCase', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let storage: string;
  let chambreId: string;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-lapse-'));
    context = await createTestContext([MembershipModule], { INVOICE_STORAGE_DIR: storage });
    db = context.get(DataSource);
    await configureChambre(db);
    [{ id: chambreId }] = await db.query<{ id: string }[]>(
      `SELECT id FROM chambres WHERE slug = 'default'`,
    );
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await context.close();
    rmSync(storage, { recursive: true, force: true });
  });

  /** Memberships of a year, pending, each with its cotisation invoice issued today. */
  async function invoicedMemberships(year: number, organisations: string[]): Promise<string[]> {
    const rows = await db.query<{ id: string; organisation_id: string }[]>(
      `INSERT INTO memberships (organisation_id, year, status, fee_cents)
       SELECT unnest($1::uuid[]), $2, 'pending', 100 RETURNING id, organisation_id`,
      [organisations, year],
    );
    const issue = context.get(IssueMembershipInvoiceUseCase);
    for (const row of rows) {
      await issue.execute({
        membershipId: row.id,
        organisationId: row.organisation_id,
        year,
        description: `Cotisation ${year}`,
        amountCents: 100,
        vatTreatment: 'out_of_scope',
      });
    }
    return rows.map((row) => row.id);
  }

  /** The lapse as it runs `days` from now (invoices are due 30 days after issue). */
  function lapseInDays(days: number) {
    const clock = context.get(Clock);
    const later = new Date(Date.now() + days * DAY_MS);
    jest.spyOn(clock, 'now').mockReturnValue(later);
    return context.get(LapseUnpaidMembershipsUseCase).execute();
  }

  it('lapses, once the grace date has passed, the memberships whose invoice is unpaid past its due date', async () => {
    const userId = await insertVerifiedUser(db, 'lapse-int');
    const [unpaid, paid, waiting, later] = await insertOrganisations(db, userId, 4, null);
    await db.query(
      `INSERT INTO membership_fee_schedules (chambre_id, year, vat_treatment, grace_until)
       VALUES ($1, 2093, 'out_of_scope', (now() AT TIME ZONE 'Europe/Paris')::date - 1),
              ($1, 2094, 'out_of_scope', (now() AT TIME ZONE 'Europe/Paris')::date + 100)`,
      [chambreId],
    );
    await invoicedMemberships(2093, [unpaid]);
    await invoicedMemberships(2094, [later]);
    // Paid, and an application still waiting (no invoice): neither has anything unpaid.
    await db.query(
      `INSERT INTO memberships (organisation_id, year, status, fee_cents)
       VALUES ($1, 2093, 'active', 100), ($2, 2093, 'pending', 0)`,
      [paid, waiting],
    );
    const statuses = async () =>
      Object.fromEntries(
        (
          await db.query<{ organisation_id: string; status: string }[]>(
            `SELECT organisation_id, status FROM memberships WHERE organisation_id = ANY($1::uuid[])`,
            [[unpaid, paid, waiting, later]],
          )
        ).map((row) => [row.organisation_id, row.status]),
      );

    // Past the grace date but not the invoice's due date: its payment terms run first.
    expect((await lapseInDays(0)).lapsed).toBe(0);
    expect(await statuses()).toMatchObject({ [unpaid]: 'pending' });

    const first = await lapseInDays(45);
    expect(first.years).toContain(2093);
    expect(first.years).not.toContain(2094);
    expect(await statuses()).toEqual({
      [unpaid]: 'lapsed',
      [paid]: 'active',
      [waiting]: 'pending',
      [later]: 'pending',
    });
    await lapseInDays(46);
    const [{ events }] = await db.query<{ events: number }[]>(
      `SELECT count(*)::int AS events FROM outbox_events
        WHERE type = $2 AND payload ->> 'organisationId' = $1`,
      [unpaid, MembershipEvents.Lapsed],
    );
    expect(events).toBe(1);
  });

  it('lapses a year of more than a thousand unpaid memberships in one transaction', async () => {
    const userId = await insertVerifiedUser(db, 'lapse-many');
    const organisations = await insertOrganisations(db, userId, 1_200, null);
    await db.query(
      `INSERT INTO membership_fee_schedules (chambre_id, year, vat_treatment, grace_until)
       VALUES ($1, 2095, 'out_of_scope', (now() AT TIME ZONE 'Europe/Paris')::date - 1)`,
      [chambreId],
    );
    // One invoice issued, then copied for the 1,199 others: issuing (and rendering) 1,200 would
    // take a minute, and the lapse reads only these columns. The copies are numbered in a year
    // of their own (2095), never in the series other specs issue in, on this shared database.
    const [template] = await invoicedMemberships(2095, organisations.slice(0, 1));
    const others = await db.query<{ id: string; organisation_id: string }[]>(
      `INSERT INTO memberships (organisation_id, year, status, fee_cents)
       SELECT unnest($1::uuid[]), 2095, 'pending', 100 RETURNING id, organisation_id`,
      [organisations.slice(1)],
    );
    const columns = (
      await db.query<{ column_name: string }[]>(
        `SELECT column_name FROM information_schema.columns
          WHERE table_name = 'invoices' AND column_name NOT IN
                ('id', 'organisation_id', 'membership_id', 'year', 'sequence', 'number', 'payment_reference')`,
      )
    ).map((row) => row.column_name);
    await db.query(
      `INSERT INTO invoices (organisation_id, membership_id, year, sequence, number, payment_reference, ${columns.join(', ')})
       SELECT m.organisation_id, m.id, 2095, m.n, format('F-2095-%s', lpad(m.n::text, 6, '0')),
              i.payment_reference || m.n, ${columns.map((column) => `i.${column}`).join(', ')}
         FROM invoices i
         CROSS JOIN unnest($2::uuid[], $3::uuid[]) WITH ORDINALITY AS m(id, organisation_id, n)
        WHERE i.membership_id = $1`,
      [template, others.map((row) => row.id), others.map((row) => row.organisation_id)],
    );
    await lapseInDays(45);
    const [{ lapsed, events }] = await db.query<{ lapsed: number; events: number }[]>(
      `SELECT (SELECT count(*)::int FROM memberships WHERE year = 2095 AND status = 'lapsed') AS lapsed,
              (SELECT count(*)::int FROM outbox_events
                WHERE type = $1 AND (payload ->> 'year')::int = 2095) AS events`,
      [MembershipEvents.Lapsed],
    );
    expect({ lapsed, events }).toEqual({ lapsed: 1_200, events: 1_200 });
  });
});
