import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Queue } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Clock, QueueName } from '@mutualis/core';
import { MembershipService } from '@mutualis/identity';
import { IssueRenewalInvoiceUseCase, MembershipEvents, MembershipJobs } from '@mutualis/membership';
import {
  RebuildNotificationSchedulesUseCase,
  SendRenewalReminderUseCase,
} from '@mutualis/notifications';
import { randomUUID } from 'node:crypto';
import {
  configureChambre,
  insertOrganisations,
  insertPublishedSession,
  insertVerifiedUser,
} from '@mutualis/testing';
import { registerAndLogIn, TestUser, userWithRoles } from '../support/api-client';
import { eventually, expectProblem, expectStatus } from '../support/expectations';
import { startInProcessWorker } from '../support/in-process-worker';
import { IsolatedEnvironment, isolatedEnvironment } from '../support/isolated-environment';
import { createTestApp } from '../support/test-app';

// Years of their own, far from the current and next years insertOrganisations writes.
const PREVIOUS = 2039;
const YEAR = 2040;
const FEE_CENTS = 15_000;

interface CampaignBody {
  id: string;
  year: number;
  status: string;
  total: number;
  pending: number;
  issued: number;
  failed: number;
  skipped: number;
  failures: { organisationId: string; legalName: string; error: string }[];
}

/**
 * The renewal campaign through the real api and an in-process worker (outbox relay, BullMQ on
 * Redis, PostgreSQL): one invoice per organisation whatever the launches, failures reported and
 * retried, lapse, cancellation by credit note, reminders as delayed jobs.
 */
describe('membership renewal campaign', () => {
  let environment: IsolatedEnvironment;
  let app: NestExpressApplication;
  let worker: INestApplication;
  let db: DataSource;
  let membershipQueue: Queue;
  let notificationsQueue: Queue;
  let admin: TestUser;
  let renewing: string[];
  let withoutProfile: string;
  let alreadyRenewed: string;
  let chambreId: string;

  const api = () => request(app.getHttpServer());
  const asAdmin = <T extends request.Test>(test: T): T =>
    test.auth(admin.accessToken, { type: 'bearer' });

  const campaignOf = async (id: string): Promise<CampaignBody> =>
    (await asAdmin(api().get(`/api/membership/campaigns/${id}`)).expect(200)).body as CampaignBody;

  const invoicesPerMembership = (): Promise<{ membership_id: string; invoices: number }[]> =>
    db.query(
      `SELECT m.id AS membership_id, count(i.id)::int AS invoices
         FROM memberships m LEFT JOIN invoices i ON i.membership_id = m.id AND i.type = 'invoice'
        WHERE m.year = $1 GROUP BY m.id`,
      [YEAR],
    );

  const membershipStatus = async (organisationId: string): Promise<string> => {
    const [row] = await db.query<{ status: string }[]>(
      `SELECT status FROM memberships WHERE organisation_id = $1 AND year = $2`,
      [organisationId, YEAR],
    );
    return row?.status;
  };

  const declareProfile = (organisationIds: string[]) =>
    db.query(
      `INSERT INTO membership_profiles (organisation_id, chambre_id, family, headcount)
       SELECT unnest($1::uuid[]), $2, 'association', 12`,
      [organisationIds, chambreId],
    );

  beforeAll(async () => {
    environment = await isolatedEnvironment('campaign');
    const env = { ...environment.env, OUTBOX_POLL_MS: '50' };
    app = await createTestApp(env);
    db = app.get(DataSource);
    await configureChambre(db);
    worker = await startInProcessWorker(env, new Clock());
    const connection = { host: '127.0.0.1', port: 6379 };
    membershipQueue = new Queue(QueueName.Membership, {
      connection,
      prefix: `${environment.redisPrefix}:bull`,
    });
    notificationsQueue = new Queue(QueueName.Notifications, {
      connection,
      prefix: `${environment.redisPrefix}:bull`,
    });
    admin = await userWithRoles(app, 'campaign-admin', ['admin']);

    [{ id: chambreId }] = await db.query<{ id: string }[]>(
      `SELECT id FROM chambres WHERE slug = 'default'`,
    );
    const [{ id: scheduleId }] = await db.query<{ id: string }[]>(
      `INSERT INTO membership_fee_schedules (chambre_id, year, vat_treatment, reminder_days, final_notice_days)
       VALUES ($1, $2, 'out_of_scope', '{30,60}', 75) RETURNING id`,
      [chambreId, YEAR],
    );
    await db.query(
      `INSERT INTO membership_fee_rates (schedule_id, family, basis, lower_bound, upper_bound, amount_cents)
       VALUES ($1, 'association', 'headcount', 0, NULL, $2)`,
      [scheduleId, FEE_CENTS],
    );

    const owner = await insertVerifiedUser(db, 'campaign-owner');
    const organisations = await insertOrganisations(db, owner, 5, null);
    renewing = organisations.slice(0, 3);
    withoutProfile = organisations[3];
    alreadyRenewed = organisations[4];
    await db.query(
      `INSERT INTO memberships (organisation_id, year, status, fee_cents)
       SELECT unnest($1::uuid[]), $2, 'active', 12000`,
      [organisations, PREVIOUS],
    );
    await db.query(
      `INSERT INTO memberships (organisation_id, year, status, fee_cents) VALUES ($1, $2, 'active', 12000)`,
      [alreadyRenewed, YEAR],
    );
    await declareProfile([...renewing, alreadyRenewed]);
  });

  afterAll(async () => {
    await membershipQueue?.close();
    await notificationsQueue?.close();
    await worker?.close();
    await app?.close();
    await environment?.drop();
  });

  it('is the Chambre admin’s: others are refused', async () => {
    const member = await registerAndLogIn(app, 'campaign-outsider');
    expectProblem(
      await api()
        .post('/api/membership/campaigns')
        .auth(member.accessToken, { type: 'bearer' })
        .send({ year: YEAR }),
      403,
    );
    expectProblem(await api().get(`/api/membership/members?year=${YEAR}`), 401);
  });

  it('refuses a year without a fee schedule, and answers 404 for an unknown campaign', async () => {
    expectProblem(
      await asAdmin(api().post('/api/membership/campaigns')).send({ year: 2041 }),
      422,
      'fee_schedule_missing',
    );
    expectProblem(
      await asAdmin(api().post('/api/membership/campaigns')).send({ year: 'next' }),
      400,
    );
    expectProblem(
      await asAdmin(api().get('/api/membership/campaigns/00000000-0000-4000-8000-000000000000')),
      404,
      'membership_campaign_not_found',
    );
  });

  it('answers one campaign to two launches at once, and issues each renewal invoice once', async () => {
    const [first, second] = await Promise.all([
      asAdmin(api().post('/api/membership/campaigns')).send({ year: YEAR }),
      asAdmin(api().post('/api/membership/campaigns')).send({ year: YEAR }),
    ]);
    expectStatus(first, 202);
    expectStatus(second, 202);
    expect(second.body.id).toBe(first.body.id);
    expect(first.body).toMatchObject({ year: YEAR, total: 4 });

    const done = await eventually(
      () => campaignOf(first.body.id),
      (campaign) => campaign.pending === 0 && campaign.status === 'completed',
      60_000,
    );
    expect(done).toMatchObject({ total: 4, issued: 3, failed: 1, skipped: 0 });
    expect(done.failures).toEqual([
      {
        organisationId: withoutProfile,
        legalName: expect.stringContaining('SCOP de test') as string,
        error: expect.stringContaining('no_fee_bracket') as string,
      },
    ]);
    const counts = await invoicesPerMembership();
    // The three renewed, plus the one already active for the year (never invoiced here).
    expect(counts.filter((row) => row.invoices === 1)).toHaveLength(3);
    expect(counts.every((row) => row.invoices <= 1)).toBe(true);
    for (const organisationId of renewing) {
      expect(await membershipStatus(organisationId)).toBe('pending');
    }
    expect(await membershipStatus(alreadyRenewed)).toBe('active');
    expect(
      (await asAdmin(api().get(`/api/membership/campaigns?year=${YEAR}`)).expect(200)).body.id,
    ).toBe(first.body.id);
  });

  it('issues nothing more when launched again', async () => {
    const again = await asAdmin(api().post('/api/membership/campaigns')).send({ year: YEAR });
    expectStatus(again, 202);
    expect(again.body).toMatchObject({ issued: 3, failed: 1, status: 'completed' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const [{ count }] = await db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM invoices WHERE membership_id IS NOT NULL`,
    );
    expect(count).toBe(3);
  });

  it('issues a failed item once its cause is fixed and it is retried', async () => {
    const [{ id }] = await db.query<{ id: string }[]>(
      `SELECT id FROM membership_campaigns WHERE year = $1`,
      [YEAR],
    );
    await declareProfile([withoutProfile]);
    expectStatus(await asAdmin(api().post(`/api/membership/campaigns/${id}/retry`)), 202);
    const done = await eventually(
      () => campaignOf(id),
      (campaign) => campaign.status === 'completed' && campaign.pending === 0,
      30_000,
    );
    expect(done).toMatchObject({ issued: 4, failed: 0, failures: [] });
    const counts = await invoicesPerMembership();
    expect(counts.filter((row) => row.invoices === 1)).toHaveLength(4);

    // An item left pending (its batch job lost) is issued again by a retry, still once.
    await db.query(
      `UPDATE membership_campaign_items SET status = 'pending' WHERE campaign_id = $1 AND organisation_id = $2`,
      [id, renewing[0]],
    );
    expectStatus(await asAdmin(api().post(`/api/membership/campaigns/${id}/retry`)), 202);
    const again = await eventually(
      () => campaignOf(id),
      (campaign) => campaign.status === 'completed' && campaign.pending === 0,
      30_000,
    );
    expect(again).toMatchObject({ issued: 4, failed: 0 });
    expect((await invoicesPerMembership()).filter((row) => row.invoices === 1)).toHaveLength(4);
  });

  it('mails each renewal invoice as the cotisation of its year, and schedules its reminders as delayed jobs', async () => {
    const invoices = await db.query<{ id: string; issue_date: string }[]>(
      `SELECT id, issue_date::text FROM invoices WHERE membership_id IS NOT NULL AND type = 'invoice'`,
    );
    expect(invoices).toHaveLength(4);
    for (const invoice of invoices) {
      const mail = await eventually(
        async () =>
          (
            await db.query<{ params: { membership: unknown } }[]>(
              `SELECT params FROM notification_deliveries
                WHERE template = 'invoice-issued' AND params ->> 'invoiceNumber' =
                      (SELECT number FROM invoices WHERE id = $1)`,
              [invoice.id],
            )
          )[0],
        (row) => row !== undefined,
      );
      expect(mail.params.membership).toEqual({ year: YEAR, renewal: true });
      const jobs = await eventually(
        async () =>
          Promise.all(
            ['reminder-30', 'reminder-60', 'final-notice'].map((stage) =>
              notificationsQueue.getJob(`renewal-${invoice.id}-${stage}`),
            ),
          ),
        (found) => found.every((job) => job !== undefined),
      );
      // 09:00 in Paris on the day 30, 60 and 75 days after the issue date.
      const nine = (days: number) => {
        const [y, m, d] = invoice.issue_date.split('-').map(Number);
        const day = new Date(Date.UTC(y, m - 1, d + days, 9));
        const offset =
          new Date(day.toLocaleString('en-US', { timeZone: 'Europe/Paris' })).getTime() -
          new Date(day.toLocaleString('en-US', { timeZone: 'UTC' })).getTime();
        return day.getTime() - offset;
      };
      expect(jobs.map((job) => job!.timestamp + job!.delay)).toEqual([
        nine(30),
        nine(60),
        nine(75),
      ]);
      expect(await Promise.all(jobs.map((job) => job!.getState()))).toEqual([
        'delayed',
        'delayed',
        'delayed',
      ]);
      // A renewal is chased by its reminders, not by the dunning letters of other invoices.
      expect(await notificationsQueue.getJob(`overdue-${invoice.id}-7`)).toBeUndefined();
    }
    // The nightly rebuild schedules the same jobs again (same ids), none of them twice.
    await notificationsQueue.remove(`renewal-${invoices[0].id}-reminder-30`);
    const rebuilt = await worker.get(RebuildNotificationSchedulesUseCase).execute();
    expect(rebuilt.renewalReminders).toBe(12);
    expect(await notificationsQueue.getJob(`renewal-${invoices[0].id}-reminder-30`)).toBeDefined();
  });

  it('sends a renewal reminder once, and only while the invoice is unpaid and the membership pending', async () => {
    const [{ id: invoiceId }] = await db.query<{ id: string }[]>(
      `SELECT i.id FROM invoices i JOIN memberships m ON m.id = i.membership_id
        WHERE m.organisation_id = $1 AND m.year = $2 AND i.type = 'invoice'`,
      [renewing[0], YEAR],
    );
    const reminders = worker.get(SendRenewalReminderUseCase);
    expect(await reminders.execute(invoiceId, 'reminder-30', false)).toBe(1);
    expect(await reminders.execute(invoiceId, 'reminder-30', false)).toBe(0);
    const [delivery] = await db.query<{ params: Record<string, unknown>; locale: string }[]>(
      `SELECT params, locale FROM notification_deliveries WHERE event_key = $1`,
      [`renewal:${invoiceId}:reminder-30`],
    );
    expect(delivery.params).toMatchObject({ year: YEAR, final: false, amountDueCents: FEE_CENTS });
    await db.query(
      `UPDATE memberships SET status = 'active' WHERE organisation_id = $1 AND year = $2`,
      [renewing[0], YEAR],
    );
    expect(await reminders.execute(invoiceId, 'final-notice', true)).toBe(0);
    await db.query(
      `UPDATE memberships SET status = 'pending' WHERE organisation_id = $1 AND year = $2`,
      [renewing[0], YEAR],
    );
  });

  it('lists the year’s unpaid members with their invoices, a page at a time', async () => {
    const first = await asAdmin(
      api().get(`/api/membership/members?year=${YEAR}&status=unpaid&limit=2`),
    ).expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await asAdmin(
      api().get(
        `/api/membership/members?year=${YEAR}&status=unpaid&limit=2&cursor=${first.body.nextCursor}`,
      ),
    ).expect(200);
    const items = [...first.body.items, ...second.body.items] as Record<string, unknown>[];
    expect(items.map((item) => item.organisationId).sort()).toEqual(
      [...renewing, withoutProfile].sort(),
    );
    for (const item of items) {
      expect(item).toMatchObject({
        status: 'unpaid',
        feeCents: FEE_CENTS,
        invoiceNumber: expect.stringMatching(/^F-/) as string,
        amountDueCents: FEE_CENTS,
      });
    }
    const paid = await asAdmin(api().get(`/api/membership/members?year=${YEAR}&status=paid`));
    expect(paid.body.items.map((item: { organisationId: string }) => item.organisationId)).toEqual([
      alreadyRenewed,
    ]);
    expectProblem(
      await asAdmin(api().get(`/api/membership/members?year=${YEAR}&status=gone`)),
      400,
    );
  });

  it('cancels a renewal with a credit note of its invoice, once, and never deletes it', async () => {
    const leaving = renewing[2];
    const cancel = () =>
      asAdmin(api().post(`/api/organisations/${leaving}/memberships/${YEAR}/cancel`)).send({
        reason: 'L’association a été dissoute.',
      });
    // Two admins at once: one credit note; whichever answers last names it.
    const [one, other] = await Promise.all([cancel(), cancel()]);
    expectStatus(one, 200);
    expectStatus(other, 200);
    const first = await cancel();
    expectStatus(first, 200);
    expect(first.body).toMatchObject({
      status: 'cancelled',
      reason: 'L’association a été dissoute.',
      creditedCents: FEE_CENTS,
      creditNoteId: expect.any(String) as string,
    });
    for (const answer of [one, other]) {
      expect([null, first.body.creditNoteId]).toContain(answer.body.creditNoteId);
    }
    expect(await membershipStatus(leaving)).toBe('cancelled');

    const creditNote = await eventually(
      async () =>
        (
          await db.query<{ status: string; number: string | null }[]>(
            `SELECT status, number FROM invoices WHERE id = $1`,
            [first.body.creditNoteId],
          )
        )[0],
      (row) => row?.number !== null,
      30_000,
    );
    expect(creditNote.number).toMatch(/^AV-/);
    const [{ count }] = await db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM invoices i JOIN memberships m ON m.id = i.membership_id
        WHERE m.organisation_id = $1 AND m.year = $2 AND i.type = 'credit_note'`,
      [leaving, YEAR],
    );
    expect(count).toBe(1);
    const [item] = await db.query<{ status: string }[]>(
      `SELECT status FROM membership_campaign_items WHERE organisation_id = $1`,
      [leaving],
    );
    expect(item.status).toBe('issued');
    const [{ id: cancelledInvoice }] = await db.query<{ id: string }[]>(
      `SELECT i.id FROM invoices i JOIN memberships m ON m.id = i.membership_id
        WHERE m.organisation_id = $1 AND m.year = $2 AND i.type = 'invoice'`,
      [leaving, YEAR],
    );
    expect(
      await worker.get(SendRenewalReminderUseCase).execute(cancelledInvoice, 'reminder-60', false),
    ).toBe(0);
    expectProblem(
      await asAdmin(api().post(`/api/organisations/${leaving}/memberships/2038/cancel`)).send({
        reason: 'x',
      }),
      404,
      'membership_not_found',
    );
    expectProblem(
      await asAdmin(api().post(`/api/organisations/${leaving}/memberships/${YEAR}/cancel`)).send({
        reason: '  ',
      }),
      400,
    );
  });

  it('lapses unpaid memberships after the grace date, after which the member price no longer applies', async () => {
    const unpaid = renewing[0];
    await db.query(
      `UPDATE memberships SET status = 'active' WHERE organisation_id = $1 AND year = $2`,
      [renewing[1], YEAR],
    );
    await db.query(
      `UPDATE membership_fee_schedules SET grace_until = (now() AT TIME ZONE 'Europe/Paris')::date - 1
        WHERE year = $1`,
      [YEAR],
    );
    await membershipQueue.add(MembershipJobs.LapseUnpaid, {});
    const status = await eventually(
      () => membershipStatus(unpaid),
      (value) => value === 'lapsed',
      20_000,
    );
    expect(status).toBe('lapsed');
    expect(await membershipStatus(renewing[1])).toBe('active');
    expect(await membershipStatus(renewing[2])).toBe('cancelled');
    // Booked through the api for a session of that year: the lapsed organisation pays the
    // non-member price, the one that paid its renewal the member price.
    const { sessionId } = await insertPublishedSession(db, {
      startsInMs: Date.parse(`${YEAR}-06-01T08:00:00Z`) - Date.now(),
      memberPriceCents: 18_000,
      nonMemberPriceCents: 26_000,
    });
    const booker = await registerAndLogIn(app, 'campaign-booker');
    await db.query(
      `INSERT INTO organisation_members (organisation_id, user_id, role)
       SELECT unnest($1::uuid[]), $2, 'org_admin'`,
      [[unpaid, renewing[1]], booker.id],
    );
    const book = (organisationId: string) =>
      api()
        .post('/api/bookings')
        .auth(booker.accessToken, { type: 'bearer' })
        .set('Idempotency-Key', randomUUID())
        .send({
          organisationId,
          sessionId,
          attendees: [{ name: 'Camille Martin', email: 'camille@test.mutualis.fr' }],
        });
    const lapsedBooking = await book(unpaid);
    expectStatus(lapsedBooking, 201);
    expect(lapsedBooking.body).toMatchObject({ memberPrice: false, unitPriceCents: 26_000 });
    const memberBooking = await book(renewing[1]);
    expectStatus(memberBooking, 201);
    expect(memberBooking.body).toMatchObject({ memberPrice: true, unitPriceCents: 18_000 });

    const pricing = app.get(MembershipService);
    expect(await pricing.isMember(unpaid, new Date(`${YEAR}-06-01T10:00:00Z`))).toBe(false);
    expect(await pricing.isMember(renewing[1], new Date(`${YEAR}-06-01T10:00:00Z`))).toBe(true);
    const [{ count }] = await db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM outbox_events
        WHERE type = $2 AND payload ->> 'organisationId' = $1`,
      [unpaid, MembershipEvents.Lapsed],
    );
    expect(count).toBe(1);
    // Each lapsed organisation (the unpaid one, and the one fixed late) is told, once.
    const told = await eventually(
      async () =>
        (
          await db.query<{ count: number }[]>(
            `SELECT count(*)::int AS count FROM notification_deliveries
              WHERE template = 'membership-lapsed' AND (params ->> 'year')::int = $1`,
            [YEAR],
          )
        )[0].count,
      (value) => value >= 2,
    );
    expect(told).toBe(2);
  });

  it('issues one invoice for a member listed late, however many jobs take its item at once', async () => {
    const owner = await insertVerifiedUser(db, 'campaign-late');
    const [late] = await insertOrganisations(db, owner, 1, null);
    await db.query(
      `INSERT INTO memberships (organisation_id, year, status, fee_cents) VALUES ($1, $2, 'active', 12000)`,
      [late, PREVIOUS],
    );
    await declareProfile([late]);
    const relaunch = await asAdmin(api().post('/api/membership/campaigns')).send({ year: YEAR });
    expectStatus(relaunch, 202);
    // The worker's batch job and two more attempts at the same instant.
    const issue = worker.get(IssueRenewalInvoiceUseCase);
    const campaign = { id: relaunch.body.id as string, year: YEAR };
    await Promise.all([issue.execute(campaign, late), issue.execute(campaign, late)]);
    const done = await eventually(
      () => campaignOf(campaign.id),
      (body) => body.status === 'completed' && body.pending === 0,
      30_000,
    );
    expect(done).toMatchObject({ total: 5, issued: 5, failed: 0 });
    const [{ count }] = await db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM invoices i JOIN memberships m ON m.id = i.membership_id
        WHERE m.organisation_id = $1 AND m.year = $2 AND i.type = 'invoice'`,
      [late, YEAR],
    );
    expect(count).toBe(1);
  });
});
