import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parisYear } from '@mutualis/core';
import { MembershipService } from '@mutualis/identity';
import {
  configureChambre,
  createTestContext,
  insertOrganisations,
  insertVerifiedUser,
} from '@mutualis/testing';
import { MembershipEvents } from './membership.events';
import { MembershipErrorCode, MembershipException } from './membership.exception';
import { MembershipModule } from './membership.module';
import { MembershipPersonalDataRepository } from './repositories/membership-personal-data.repository';
import { FeeCalculator } from './services/fee-calculator';
import { ApproveApplicationUseCase } from './use-cases/approve-application/approve-application.use-case';
import { PublishCharterUseCase } from './use-cases/publish-charter/publish-charter.use-case';
import { RefuseApplicationUseCase } from './use-cases/refuse-application/refuse-application.use-case';
import { SetFeeOverrideUseCase } from './use-cases/set-fee-override/set-fee-override.use-case';
import {
  SetFeeScheduleCommand,
  SetFeeScheduleUseCase,
} from './use-cases/set-fee-schedule/set-fee-schedule.use-case';
import { SettleMembershipUseCase } from './use-cases/settle-membership/settle-membership.use-case';
import {
  SubmitApplicationCommand,
  SubmitApplicationUseCase,
} from './use-cases/submit-application/submit-application.use-case';

// Applications are for this year or the next; this year's grid is this spec's (a renewal
// campaign's specs use next year's). The calculator's own checks use years nobody else does
// (2076 to 2079).
const YEAR = parisYear(new Date());
const FAR_YEAR = 2077;

async function rejection(promise: Promise<unknown>): Promise<MembershipException> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MembershipException);
  return error as MembershipException;
}

describe('membership: grid, fees, charters, applications and their decisions', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let storage: string;
  let admin: { userId: string; roles: ['admin'] };
  let charterVersion: number;

  const grid = (year: number, overrides: Partial<SetFeeScheduleCommand> = {}) =>
    context.get(SetFeeScheduleUseCase).execute({
      year,
      vatTreatment: 'out_of_scope',
      firstYearFeeCents: null,
      prorataFrom: null,
      graceUntil: null,
      reminderDays: [30, 60],
      finalNoticeDays: 75,
      publicBodiesActiveOnApproval: true,
      rates: [
        {
          family: 'association',
          basis: 'headcount',
          lowerBound: 0,
          upperBound: 10,
          amountCents: 8_000,
        },
        {
          family: 'association',
          basis: 'headcount',
          lowerBound: 10,
          upperBound: null,
          amountCents: 18_000,
        },
        {
          family: 'cooperative',
          basis: 'budget',
          lowerBound: 0,
          upperBound: null,
          amountCents: 30_000,
        },
      ],
      userId: admin.userId,
      ...overrides,
    });

  /** A user who administers a new organisation that never was a member. */
  async function applicant(): Promise<{
    actor: { userId: string; roles: [] };
    organisationId: string;
  }> {
    const userId = await insertVerifiedUser(db, 'applicant');
    const [organisationId] = await insertOrganisations(db, userId, 1, null);
    return { actor: { userId, roles: [] }, organisationId };
  }

  const application = (
    who: { actor: { userId: string; roles: [] }; organisationId: string },
    overrides: Partial<SubmitApplicationCommand> = {},
  ): SubmitApplicationCommand => ({
    actor: who.actor,
    organisationId: who.organisationId,
    year: YEAR,
    family: 'association',
    headcount: 12,
    annualBudgetCents: null,
    contactName: 'Marie Dupont',
    contactEmail: 'marie@lucioles.example',
    charterVersion,
    acceptCharter: true,
    ...overrides,
  });

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-membership-'));
    context = await createTestContext([MembershipModule], { INVOICE_STORAGE_DIR: storage });
    db = context.get(DataSource);
    await configureChambre(db);
    admin = { userId: await insertVerifiedUser(db, 'admin'), roles: ['admin'] };
    await grid(YEAR);
    charterVersion = (
      await context.get(PublishCharterUseCase).execute({
        title: 'Charte de l’ESS',
        body: 'Les membres adhèrent aux valeurs de l’économie sociale et solidaire.',
        userId: admin.userId,
      })
    ).version;
  });

  afterAll(async () => {
    await context.close();
    rmSync(storage, { recursive: true, force: true });
  });

  describe('the fee grid', () => {
    it('refuses overlapping brackets of one family and basis, naming the field, and writes nothing', async () => {
      const error = await rejection(
        grid(FAR_YEAR - 1, {
          rates: [
            { family: 'mutual', basis: 'headcount', lowerBound: 0, upperBound: 20, amountCents: 1 },
            {
              family: 'mutual',
              basis: 'headcount',
              lowerBound: 10,
              upperBound: null,
              amountCents: 2,
            },
          ],
        }),
      );
      expect(error.code).toBe(MembershipErrorCode.OverlappingBrackets);
      expect(error.fields).toEqual([{ field: 'rates.1.lowerBound', message: expect.any(String) }]);
      const rows = await db.query(`SELECT 1 FROM membership_fee_schedules WHERE year = $1`, [
        FAR_YEAR - 1,
      ]);
      expect(rows).toHaveLength(0);
    });

    it('replaces a grid as a whole, audited with what it replaced, and prints the VAT mention', async () => {
      await grid(FAR_YEAR);
      const replaced = await grid(FAR_YEAR, { vatTreatment: 'taxable', firstYearFeeCents: 5_000 });
      expect(replaced).toMatchObject({
        year: FAR_YEAR,
        vatMention: 'TVA 20 %',
        firstYearFeeCents: 5_000,
      });
      expect(replaced.rates).toHaveLength(3);
      const audit = await db.query<
        { before: { vatTreatment: string } | null; after: { vatTreatment: string } }[]
      >(
        `SELECT before, after FROM audit_log
          WHERE action = 'membership.fee-schedule.set' AND context->>'year' = $1
          ORDER BY occurred_at`,
        [String(FAR_YEAR)],
      );
      expect(
        audit.map((entry) => [entry.before?.vatTreatment ?? null, entry.after.vatTreatment]),
      ).toEqual([
        [null, 'out_of_scope'],
        ['out_of_scope', 'taxable'],
      ]);
    });
  });

  describe('FeeCalculator', () => {
    it('prices a profile from the grid, and an override wins (audited with its reason)', async () => {
      await grid(FAR_YEAR, {
        vatTreatment: 'taxable',
        firstYearFeeCents: 5_000,
        prorataFrom: `${FAR_YEAR}-07-01`,
      });
      const who = await applicant();
      await db.query(
        `INSERT INTO membership_profiles (organisation_id, chambre_id, family, headcount)
         SELECT $1, id, 'association', 4 FROM chambres WHERE slug = 'default'`,
        [who.organisationId],
      );
      const fees = context.get(FeeCalculator);
      expect(await fees.feeFor(who.organisationId, FAR_YEAR)).toEqual({
        amountCents: 8_000,
        description: `Cotisation ${FAR_YEAR} — association, moins de 10 salariés`,
        vatTreatment: 'taxable',
      });
      expect(
        (
          await fees.feeFor(who.organisationId, FAR_YEAR, {
            joining: true,
            on: new Date(`${FAR_YEAR}-10-01T10:00:00Z`),
          })
        ).amountCents,
      ).toBe(1_250); // the first-year fee, 3 months of 12

      await context.get(SetFeeOverrideUseCase).execute({
        organisationId: who.organisationId,
        year: FAR_YEAR,
        amountCents: 2_000,
        reason: 'Association en redressement',
        userId: admin.userId,
      });
      expect((await fees.feeFor(who.organisationId, FAR_YEAR, { joining: true })).amountCents).toBe(
        2_000,
      );
      const [audit] = await db.query<{ reason: string }[]>(
        `SELECT reason FROM audit_log WHERE action = 'membership.fee-overridden' AND entity_id = $1`,
        [who.organisationId],
      );
      expect(audit.reason).toBe('Association en redressement');
    });

    it('says which is missing: the year’s grid, or a bracket for the profile', async () => {
      const who = await applicant();
      const fees = context.get(FeeCalculator);
      expect((await rejection(fees.feeFor(who.organisationId, FAR_YEAR + 2))).code).toBe(
        MembershipErrorCode.FeeScheduleMissing,
      );
      expect((await rejection(fees.feeFor(who.organisationId, FAR_YEAR))).code).toBe(
        MembershipErrorCode.NoFeeBracket,
      );
    });
  });

  describe('charters', () => {
    it('numbers versions last + 1, even when two admins publish at once', async () => {
      const publish = context.get(PublishCharterUseCase);
      const versions = await Promise.all(
        [1, 2, 3].map((n) =>
          publish.execute({ title: `Charte v${n}`, body: 'Texte', userId: admin.userId }),
        ),
      );
      const numbers = versions.map((charter) => charter.version).sort((a, b) => a - b);
      expect(numbers).toEqual([charterVersion + 1, charterVersion + 2, charterVersion + 3]);
      charterVersion = numbers[2];
    });
  });

  describe('applications', () => {
    it('records a join with the charter accepted, and refuses a second one pending for the year', async () => {
      const who = await applicant();
      const submitted = await context.get(SubmitApplicationUseCase).execute(application(who));
      expect(submitted).toMatchObject({
        organisationId: who.organisationId,
        year: YEAR,
        kind: 'join',
        status: 'pending',
        charterVersion,
        feeCents: null,
        invoiceId: null,
      });
      const [row] = await db.query<{ submitted_by: string; charter_accepted_at: Date }[]>(
        `SELECT submitted_by, charter_accepted_at FROM membership_applications WHERE id = $1`,
        [submitted.id],
      );
      expect(row.submitted_by).toBe(who.actor.userId);
      expect(row.charter_accepted_at).toBeInstanceOf(Date);

      const again = await rejection(
        context.get(SubmitApplicationUseCase).execute(application(who)),
      );
      expect(again.code).toBe(MembershipErrorCode.ApplicationPending);
      const [{ count }] = await db.query<{ count: string }[]>(
        `SELECT count(*) FROM membership_applications WHERE organisation_id = $1`,
        [who.organisationId],
      );
      expect(count).toBe('1');
    });

    it('calls it a renewal when the organisation was active a year before', async () => {
      const who = await applicant();
      await context.get(MembershipService).record(who.organisationId, YEAR - 1, 'active', 18_000);
      const submitted = await context.get(SubmitApplicationUseCase).execute(application(who));
      expect(submitted.kind).toBe('renewal');
    });

    it('refuses an old charter version, and an organisation’s member who is not its admin', async () => {
      const who = await applicant();
      const stale = await rejection(
        context.get(SubmitApplicationUseCase).execute(application(who, { charterVersion: 1 })),
      );
      expect(stale.code).toBe(MembershipErrorCode.CharterNotCurrent);
      expect(stale.fields[0].field).toBe('charterVersion');

      const memberId = await insertVerifiedUser(db, 'org-member');
      await db.query(
        `INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'org_member')`,
        [who.organisationId, memberId],
      );
      await expect(
        context
          .get(SubmitApplicationUseCase)
          .execute(application(who, { actor: { userId: memberId, roles: [] } })),
      ).rejects.toMatchObject({ code: 'not_organisation_admin' });
    });

    it('approves: the membership is pending with its fee, its invoice issued once', async () => {
      const who = await applicant();
      const submitted = await context.get(SubmitApplicationUseCase).execute(application(who));
      const approved = await context.get(ApproveApplicationUseCase).execute(admin, submitted.id);
      expect(approved).toMatchObject({
        status: 'approved',
        feeCents: 18_000,
        invoiceId: expect.any(String),
      });

      const membership = await context.get(MembershipService).findForYear(who.organisationId, YEAR);
      expect(membership).toMatchObject({ status: 'pending', feeCents: 18_000 });
      const [invoice] = await db.query<
        { status: string; membership_id: string; total_incl_vat_cents: string }[]
      >(`SELECT status, membership_id, total_incl_vat_cents FROM invoices WHERE id = $1`, [
        approved.invoiceId,
      ]);
      expect(invoice).toEqual({
        status: 'issued',
        membership_id: membership!.id,
        total_incl_vat_cents: '18000',
      });

      const twice = await rejection(
        context.get(ApproveApplicationUseCase).execute(admin, submitted.id),
      );
      expect(twice.code).toBe(MembershipErrorCode.ApplicationDecided);
      const [{ events }] = await db.query<{ events: string }[]>(
        `SELECT count(*) AS events FROM outbox_events
          WHERE aggregate_id = $1 AND type = $2`,
        [submitted.id, MembershipEvents.ApplicationApproved],
      );
      expect(events).toBe('1');
    });

    it('keeps an approval whose invoice could not be issued, and issues it when approved again', async () => {
      const who = await applicant();
      // A buyer established overseas: invoicing refuses (its VAT regime is not implemented).
      await db.query(
        `UPDATE organisations SET postal_code = '97300', department = '973' WHERE id = $1`,
        [who.organisationId],
      );
      const submitted = await context.get(SubmitApplicationUseCase).execute(application(who));
      const failed = await rejection(
        context.get(ApproveApplicationUseCase).execute(admin, submitted.id),
      );
      expect(failed.code).toBe(MembershipErrorCode.InvoiceNotIssued);
      const [stored] = await db.query<{ status: string; invoice_id: string | null }[]>(
        `SELECT status, invoice_id FROM membership_applications WHERE id = $1`,
        [submitted.id],
      );
      expect(stored).toEqual({ status: 'approved', invoice_id: null });

      await db.query(
        `UPDATE organisations SET postal_code = '13001', department = '13' WHERE id = $1`,
        [who.organisationId],
      );
      const retried = await context.get(ApproveApplicationUseCase).execute(admin, submitted.id);
      expect(retried).toMatchObject({
        status: 'approved',
        feeCents: 18_000,
        invoiceId: expect.any(String),
      });
    });

    it('makes a public body active on approval when the grid says so', async () => {
      const who = await applicant();
      await db.query(
        `UPDATE organisations SET is_public_body = true, legal_form = 'other' WHERE id = $1`,
        [who.organisationId],
      );
      const submitted = await context.get(SubmitApplicationUseCase).execute(application(who));
      await context.get(ApproveApplicationUseCase).execute(admin, submitted.id);
      const membership = await context.get(MembershipService).findForYear(who.organisationId, YEAR);
      expect(membership?.status).toBe('active');

      // A member for the year has nothing to apply for.
      const again = await rejection(
        context.get(SubmitApplicationUseCase).execute(application(who)),
      );
      expect(again.code).toBe(MembershipErrorCode.AlreadyMember);
    });

    it('makes a member whose fee is waived active on approval, with no invoice', async () => {
      const who = await applicant();
      await context.get(SetFeeOverrideUseCase).execute({
        organisationId: who.organisationId,
        year: YEAR,
        amountCents: 0,
        reason: 'Membre d’honneur',
        userId: admin.userId,
      });
      const submitted = await context.get(SubmitApplicationUseCase).execute(application(who));
      const approved = await context.get(ApproveApplicationUseCase).execute(admin, submitted.id);
      expect(approved).toMatchObject({ status: 'approved', feeCents: 0, invoiceId: null });
      const membership = await context.get(MembershipService).findForYear(who.organisationId, YEAR);
      expect(membership).toMatchObject({ status: 'active', feeCents: 0 });
      const [{ invoices }] = await db.query<{ invoices: number }[]>(
        `SELECT count(*)::int AS invoices FROM invoices WHERE organisation_id = $1`,
        [who.organisationId],
      );
      expect(invoices).toBe(0);
      // Approving again has nothing left to issue.
      const again = await rejection(
        context.get(ApproveApplicationUseCase).execute(admin, submitted.id),
      );
      expect(again.code).toBe(MembershipErrorCode.ApplicationDecided);
    });

    it('refuses with a reason, which is kept, and writes no membership', async () => {
      const who = await applicant();
      const submitted = await context.get(SubmitApplicationUseCase).execute(application(who));
      const refused = await context
        .get(RefuseApplicationUseCase)
        .execute(admin, submitted.id, '  Siège hors de la région  ');
      expect(refused).toMatchObject({
        status: 'refused',
        refusalReason: 'Siège hors de la région',
      });
      expect(await context.get(MembershipService).findForYear(who.organisationId, YEAR)).toBeNull();
    });
  });

  describe('personal data', () => {
    it('exports, then erases, the contact an application and a profile name, keeping the decisions', async () => {
      const who = await applicant();
      const email = `Contact-${who.organisationId}@Test.Mutualis.fr`;
      const submitted = await context
        .get(SubmitApplicationUseCase)
        .execute(application(who, { contactName: 'Jeanne Martin', contactEmail: email }));
      const exported = await context
        .get(MembershipPersonalDataRepository)
        .exportOf(who.actor.userId, email.toLowerCase());
      expect(exported.applications).toEqual([
        expect.objectContaining({
          id: submitted.id,
          contactName: 'Jeanne Martin',
          contactEmail: email,
          submittedByThem: true,
        }),
      ]);
      const changed = await db.transaction((manager) =>
        context.get(MembershipPersonalDataRepository).erase(manager, email.toLowerCase()),
      );
      expect(changed).toBe(2);
      const [row] = await db.query<
        { contact_name: string; contact_email: string; status: string }[]
      >(`SELECT contact_name, contact_email, status FROM membership_applications WHERE id = $1`, [
        submitted.id,
      ]);
      expect(row).toEqual({
        contact_name: 'Contact effacé',
        contact_email: `erased-${submitted.id}@erased.invalid`,
        status: 'pending',
      });
      const [profile] = await db.query<{ contact_email: string | null }[]>(
        `SELECT contact_email FROM membership_profiles WHERE organisation_id = $1`,
        [who.organisationId],
      );
      expect(profile.contact_email).toBeNull();
    });
  });

  describe('settlement', () => {
    it('activates a paid membership once, and a reversal brings it back to pending', async () => {
      const who = await applicant();
      const submitted = await context.get(SubmitApplicationUseCase).execute(application(who));
      const approved = await context.get(ApproveApplicationUseCase).execute(admin, submitted.id);
      const memberships = context.get(MembershipService);
      const { id } = (await memberships.findForYear(who.organisationId, YEAR))!;
      const settle = context.get(SettleMembershipUseCase);

      expect(await settle.paid(id, approved.invoiceId!)).toBe('activated');
      expect(await settle.paid(id, approved.invoiceId!)).toBe('unchanged');
      expect((await memberships.findForYear(who.organisationId, YEAR))?.status).toBe('active');
      expect(await memberships.isMember(who.organisationId, new Date())).toBe(true);

      expect(await settle.reversed(id, approved.invoiceId!)).toBe('reopened');
      expect((await memberships.findForYear(who.organisationId, YEAR))?.status).toBe('pending');
    });
  });
});
