import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { insertOrganisations, insertVerifiedUser, createTestContext } from '@mutualis/testing';
import { MembershipModule } from '../../membership.module';
import { MembershipEvents } from '../../membership.events';
import { MembershipErrorCode } from '../../membership.exception';
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
