import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { insertOrganisations, insertVerifiedUser, createTestContext } from '@mutualis/testing';
import { MembershipModule } from '../../membership.module';
import { MembershipEvents } from '../../membership.events';
import { MembershipErrorCode } from '../../membership.exception';
import { LapseUnpaidMembershipsUseCase } from '../lapse-unpaid-memberships/lapse-unpaid-memberships.use-case';
import { LaunchCampaignUseCase } from './launch-campaign.use-case';

// Years no other spec uses: campaigns are one per Chambre and year in the shared database.
const YEAR = 2091;

describe('LaunchCampaignUseCase', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let launch: LaunchCampaignUseCase;
  let actor: { userId: string; roles: [] };
  let chambreId: string;

  const insertSchedule = async (year: number, graceUntil: string | null = null) => {
    await db.query(
      `INSERT INTO membership_fee_schedules (chambre_id, year, vat_treatment, grace_until)
       VALUES ($1, $2, 'out_of_scope', $3)`,
      [chambreId, year, graceUntil],
    );
  };
  const setMemberships = (organisationIds: string[], year: number, status: string) =>
    db.query(
      `INSERT INTO memberships (organisation_id, year, status, fee_cents)
       SELECT unnest($1::uuid[]), $2, $3, 10000
       ON CONFLICT (organisation_id, year) DO UPDATE SET status = EXCLUDED.status`,
      [organisationIds, year, status],
    );

  beforeAll(async () => {
    context = await createTestContext([MembershipModule]);
    db = context.get(DataSource);
    launch = context.get(LaunchCampaignUseCase);
    actor = { userId: await insertVerifiedUser(db, 'campaign-int'), roles: [] };
    [{ id: chambreId }] = await db.query<{ id: string }[]>(
      `SELECT id FROM chambres WHERE slug = 'default'`,
    );
  });

  afterAll(async () => {
    await context.close();
  });

  it('refuses a year without a fee schedule', async () => {
    await expect(launch.execute({ actor, year: YEAR + 5 })).rejects.toMatchObject({
      code: MembershipErrorCode.FeeScheduleMissing,
    });
  });

  it('lists every organisation active the year before, except those already active or cancelled, in one campaign whatever the launches', async () => {
    await insertSchedule(YEAR);
    const organisations = await insertOrganisations(db, actor.userId, 250, null);
    await setMemberships(organisations, YEAR - 1, 'active');
    await setMemberships(organisations.slice(0, 2), YEAR, 'active');
    await setMemberships(organisations.slice(2, 3), YEAR, 'cancelled');
    await setMemberships(organisations.slice(3, 4), YEAR, 'lapsed');

    const launches = await Promise.all([
      launch.execute({ actor, year: YEAR }),
      launch.execute({ actor, year: YEAR }),
      launch.execute({ actor, year: YEAR }),
    ]);
    expect(new Set(launches.map((campaign) => campaign.id)).size).toBe(1);
    const [campaign] = launches;
    const items = await db.query<{ organisation_id: string }[]>(
      `SELECT organisation_id FROM membership_campaign_items WHERE campaign_id = $1 AND status = 'pending'`,
      [campaign.id],
    );
    expect(items.map((item) => item.organisation_id).sort()).toEqual(organisations.slice(3).sort());
    const [{ events }] = await db.query<{ events: number }[]>(
      `SELECT count(*)::int AS events FROM outbox_events
        WHERE type = $2 AND aggregate_id = $1`,
      [campaign.id, MembershipEvents.CampaignLaunched],
    );
    expect(events).toBe(1);

    // A member of the year before who joined the roll since is added by a relaunch, once.
    const late = await insertOrganisations(db, actor.userId, 1, null);
    await setMemberships(late, YEAR - 1, 'active');
    const relaunched = await launch.execute({ actor, year: YEAR });
    expect(relaunched).toMatchObject({ id: campaign.id, total: 248, pending: 248 });
    await launch.execute({ actor, year: YEAR });
    const [{ after }] = await db.query<{ after: number }[]>(
      `SELECT count(*)::int AS after FROM outbox_events
        WHERE type = $2 AND aggregate_id = $1`,
      [campaign.id, MembershipEvents.CampaignLaunched],
    );
    expect(after).toBe(2);
  });
});

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
});
