import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { Actor } from '@mutualis/identity';
import {
  configureChambre,
  createTestContext,
  DAY_MS,
  insertBooker,
  insertPublishedSession,
  insertVerifiedUser,
  pdfLines,
} from '@mutualis/testing';
import { TrainingConventions1796207200000 } from '../../migrations/1796207200000-training-conventions';
import { TrainingEvents } from '../../training.events';
import { TrainingModule } from '../../training.module';
import { TrainingConventionsService } from '../../services/training-conventions.service';
import { IssueConventionUseCase } from '../issue-convention/issue-convention.use-case';
import { GetTrainingDocumentUseCase } from '../get-training-document/get-training-document.use-case';
import { ListBookingDocumentsUseCase } from '../list-booking-documents/list-booking-documents.use-case';
import { RemindConventionUseCase } from '../remind-convention/remind-convention.use-case';
import { UpdateTrainingSettingsUseCase } from '../update-training-settings/update-training-settings.use-case';
import { SignConventionUseCase } from './sign-convention.use-case';
import {
  IsolatedEnvironment,
  isolatedEnvironment,
} from '../../../../../test/support/isolated-environment';

describe('conventions de formation', () => {
  let context: INestApplicationContext;
  // A database of its own: the training settings are one row, which the run's other files
  // (the hostile fuzz's PUT /admin/training/settings) may change meanwhile.
  let environment: IsolatedEnvironment;
  let db: DataSource;
  let storage: string;
  let issue: IssueConventionUseCase;
  let sign: SignConventionUseCase;
  let list: ListBookingDocumentsUseCase;
  let read: GetTrainingDocumentUseCase;
  let remind: RemindConventionUseCase;
  let settings: UpdateTrainingSettingsUseCase;
  let conventions: TrainingConventionsService;

  const admin: Actor = { userId: '', roles: ['admin'] };
  let signatory: Actor;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-conventions-'));
    environment = await isolatedEnvironment('training_conventions');
    context = await createTestContext([TrainingModule], {
      ...environment.env,
      DOCUMENT_STORAGE_DIR: storage,
    });
    db = context.get(DataSource);
    issue = context.get(IssueConventionUseCase);
    sign = context.get(SignConventionUseCase);
    list = context.get(ListBookingDocumentsUseCase);
    read = context.get(GetTrainingDocumentUseCase);
    remind = context.get(RemindConventionUseCase);
    settings = context.get(UpdateTrainingSettingsUseCase);
    conventions = context.get(TrainingConventionsService);
    await configureChambre(db);
    admin.userId = await insertVerifiedUser(db, 'admin');
    signatory = { userId: await insertVerifiedUser(db, 'signatory'), roles: ['admin'] };
    await settings.execute(admin, {
      signatoryUserId: signatory.userId,
      signatoryName: 'Claire Fontaine',
      signatoryCapacity: 'Directrice',
    });
  });

  afterAll(async () => {
    await context.close();
    await environment?.drop();
    rmSync(storage, { recursive: true, force: true });
  });

  /** A confirmed booking of two trainees on a two-day training, 20 days ahead. */
  async function confirmedTrainingBooking(
    options: { kind?: 'training' | 'consultation'; startsInDays?: number } = {},
  ) {
    const days = options.startsInDays ?? 20;
    const session = await insertPublishedSession(db, { startsInMs: days * DAY_MS });
    // Two days, 9:00–17:00 in Paris: four half-days, 14 h.
    await db.query(
      `UPDATE sessions
          SET starts_at = ((now() AT TIME ZONE 'Europe/Paris')::date + $2::int + time '09:00') AT TIME ZONE 'Europe/Paris',
              ends_at = ((now() AT TIME ZONE 'Europe/Paris')::date + $2::int + 1 + time '17:00') AT TIME ZONE 'Europe/Paris',
              registration_deadline = now() + interval '1 day'
        WHERE id = $1`,
      [session.sessionId, days],
    );
    if (options.kind === 'consultation') {
      await db.query(`UPDATE offerings SET kind = 'consultation' WHERE id = $1`, [
        session.offeringId,
      ]);
    }
    const booker = await insertBooker(db);
    const [{ id: bookingId }] = await db.query<{ id: string }[]>(
      `INSERT INTO bookings (organisation_id, booked_by, offering_id, session_id, seats, status, unit_price_cents,
         member_price, vat_treatment, vat_rate_basis_points, total_excl_vat_cents, total_vat_cents, total_incl_vat_cents,
         cancellation_policy, service_starts_at, confirmed_at, confirmation_method)
       SELECT $1, $2, $3, s.id, 2, 'confirmed', 45000, true, 'standard', 2000, 90000, 18000, 108000,
              '{"tiers":[{"daysBefore":14,"refundPercent":100},{"daysBefore":7,"refundPercent":50}]}',
              s.starts_at, now(), 'bank_transfer'
         FROM sessions s WHERE s.id = $4
       RETURNING id`,
      [booker.organisationId, booker.actor.userId, session.offeringId, session.sessionId],
    );
    await db.query(
      `INSERT INTO booking_attendees (booking_id, position, name, email)
       VALUES ($1, 1, 'Camille Martin', 'camille@test.mutualis.fr'), ($1, 2, 'Léo Bernard', 'leo@test.mutualis.fr')`,
      [bookingId],
    );
    const member = await insertVerifiedUser(db, 'org-member');
    await db.query(
      `INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'org_member')`,
      [booker.organisationId, member],
    );
    return {
      ...session,
      bookingId,
      organisationAdmin: booker.actor as Actor,
      organisationMember: { userId: member, roles: [] } as Actor,
      consultant: { userId: session.consultantId, roles: ['consultant'] } as Actor,
    };
  }

  const outbox = (bookingId: string, type: string) =>
    db.query<{ id: string; deliver_at: Date | null; payload: Record<string, string> }[]>(
      `SELECT id, deliver_at, payload FROM outbox_events WHERE aggregate_id = $1 AND type = $2 ORDER BY occurred_at, deliver_at NULLS FIRST`,
      [bookingId, type],
    );

  it('issues the convention of a confirmed training booking once, with its mandatory content', async () => {
    const booking = await confirmedTrainingBooking();
    expect(await issue.execute(booking.bookingId)).toBe('issued');
    expect(await issue.execute(booking.bookingId)).toBe('already_issued');

    const listed = await list.execute(booking.organisationAdmin, booking.bookingId);
    expect(listed.documents).toHaveLength(1);
    expect(listed.documents[0]).toMatchObject({ kind: 'convention', version: 1, latest: true });
    expect(listed.convention).toMatchObject({
      signedByOrganisation: false,
      version: 1,
      youMaySign: 'organisation',
    });
    expect((await list.execute(signatory, booking.bookingId)).convention?.youMaySign).toBe(
      'chambre',
    );
    expect(
      (await list.execute(booking.organisationMember, booking.bookingId)).convention?.youMaySign,
    ).toBeNull();

    const file = await read.execute(booking.organisationAdmin, listed.documents[0].id);
    const text = pdfLines(file.content).join(' ').replace(/\s+/g, ' ');
    for (const mention of [
      'Convention de formation professionnelle',
      'numéro 93131234513',
      'CRESS de test',
      'SCOP de test',
      'Formation de test',
      'action de formation au sens de l’article L6313-1',
      'pour une durée totale de 14 h',
      'Cité des associations, Marseille',
      'Camille Martin, Léo Bernard',
      'Total hors taxes : 900,00 €',
      'TVA (20 %) : 180,00 €',
      'Total toutes taxes comprises : 1 080,00 €',
      'au plus tard 30',
      'jusqu’à 14 jours avant : 100 % remboursés',
      'L6353-8',
    ]) {
      expect(text).toContain(mention);
    }

    const [issued] = await outbox(booking.bookingId, TrainingEvents.ConventionIssued);
    expect(issued.payload).toMatchObject({ bookingId: booking.bookingId });
    const reminders = await outbox(booking.bookingId, TrainingEvents.ConventionReminderDue);
    expect(reminders).toHaveLength(1);
    expect(reminders[0].deliver_at!.getTime()).toBeGreaterThan(Date.now() + 2.9 * DAY_MS);
  });

  it('issues nothing for a consultation or an unconfirmed booking', async () => {
    const consultation = await confirmedTrainingBooking({ kind: 'consultation' });
    expect(await issue.execute(consultation.bookingId)).toBe('not_a_training');
    const pending = await confirmedTrainingBooking();
    await db.query(`UPDATE bookings SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [
      pending.bookingId,
    ]);
    expect(await issue.execute(pending.bookingId)).toBe('not_confirmed');
  });

  it('lets the organisation’s admin then the Chambre’s signatory sign, each on the newest version', async () => {
    const booking = await confirmedTrainingBooking();
    await issue.execute(booking.bookingId);
    const [first] = (await list.execute(booking.organisationAdmin, booking.bookingId)).documents;

    await expect(
      sign.execute({
        actor: booking.organisationAdmin,
        documentId: first.id,
        sha256: first.sha256,
        consent: false,
      }),
    ).rejects.toMatchObject({ code: 'invalid_signature_request' });
    await expect(
      sign.execute({
        actor: booking.organisationAdmin,
        documentId: first.id,
        sha256: 'f'.repeat(64),
        consent: true,
      }),
    ).rejects.toMatchObject({ code: 'convention_outdated' });
    await expect(
      sign.execute({
        actor: booking.organisationMember,
        documentId: first.id,
        sha256: first.sha256,
        consent: true,
      }),
    ).rejects.toMatchObject({ code: 'not_the_signatory' });
    await expect(
      sign.execute({
        actor: booking.consultant,
        documentId: first.id,
        sha256: first.sha256,
        consent: true,
      }),
    ).rejects.toMatchObject({ code: 'not_the_signatory' });

    const signed = await sign.execute({
      actor: booking.organisationAdmin,
      documentId: first.id,
      sha256: first.sha256,
      consent: true,
      signerCapacity: 'Gérante',
      ipAddress: '203.0.113.7',
      userAgent: 'jest',
    });
    expect(signed).toMatchObject({ version: 2, latest: true });
    expect(await conventions.isSignedByOrganisation(booking.bookingId)).toBe(true);

    // The first version stays as it was, with the signature recorded on it.
    const afterOrganisation = await list.execute(booking.organisationAdmin, booking.bookingId);
    const version1 = afterOrganisation.documents.find((document) => document.version === 1)!;
    expect(version1).toMatchObject({ sha256: first.sha256, latest: false });
    expect(version1.signatures).toEqual([
      expect.objectContaining({
        party: 'organisation',
        signerCapacity: 'Gérante',
        documentSha256: first.sha256,
      }),
    ]);
    const stamped = pdfLines((await read.execute(admin, signed.id)).content)
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(stamped).toContain('Signé par Membre de test');
    expect(stamped).toContain('En qualité de Gérante');
    expect(stamped).toContain(`${first.sha256.slice(0, 32)} ${first.sha256.slice(32)}`);

    // Signing again, or on the version now superseded, is refused.
    await expect(
      sign.execute({
        actor: booking.organisationAdmin,
        documentId: signed.id,
        sha256: signed.sha256,
        consent: true,
      }),
    ).rejects.toMatchObject({ code: 'convention_already_signed' });
    await expect(
      sign.execute({ actor: signatory, documentId: first.id, sha256: first.sha256, consent: true }),
    ).rejects.toMatchObject({ code: 'convention_outdated' });

    const countersigned = await sign.execute({
      actor: signatory,
      documentId: signed.id,
      sha256: signed.sha256,
      consent: true,
    });
    expect(countersigned.version).toBe(3);
    const both = pdfLines((await read.execute(admin, countersigned.id)).content)
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(both).toContain('Signé par Claire Fontaine');
    expect(both).toContain('En qualité de Directrice');
    expect(both).not.toContain('En attente de signature');
    const [signedEvent] = await outbox(booking.bookingId, TrainingEvents.ConventionSigned);
    expect(signedEvent.payload).toMatchObject({ party: 'organisation', documentId: signed.id });
  });

  it('shows a booking’s documents to its organisation, its consultant and admins only', async () => {
    const booking = await confirmedTrainingBooking();
    const other = await confirmedTrainingBooking();
    await issue.execute(booking.bookingId);
    const [document] = (await list.execute(admin, booking.bookingId)).documents;
    for (const reader of [
      booking.organisationAdmin,
      booking.organisationMember,
      booking.consultant,
      admin,
    ]) {
      expect((await read.execute(reader, document.id)).sha256).toBe(document.sha256);
    }
    for (const stranger of [
      other.organisationAdmin,
      other.consultant,
      { userId: await insertVerifiedUser(db), roles: [] } as Actor,
    ]) {
      await expect(read.execute(stranger, document.id)).rejects.toMatchObject({
        code: 'training_document_not_found',
      });
      await expect(list.execute(stranger, booking.bookingId)).rejects.toMatchObject({
        code: 'booking_not_found',
      });
      await expect(
        sign.execute({
          actor: stranger,
          documentId: document.id,
          sha256: document.sha256,
          consent: true,
        }),
      ).rejects.toMatchObject({ code: 'training_document_not_found' });
    }
  });

  it('plans reminders every three days until the organisation signs or the session begins', async () => {
    const booking = await confirmedTrainingBooking();
    await issue.execute(booking.bookingId);
    // The first reminder fell due: the next is planned three days later, once for that event.
    const [first] = await outbox(booking.bookingId, TrainingEvents.ConventionReminderDue);
    expect(await remind.execute(booking.bookingId, first.id)).toBe('next_planned');
    expect(await remind.execute(booking.bookingId, first.id)).toBe('already_planned');
    expect(await outbox(booking.bookingId, TrainingEvents.ConventionReminderDue)).toHaveLength(2);

    const [document] = (await list.execute(admin, booking.bookingId)).documents;
    await sign.execute({
      actor: booking.organisationAdmin,
      documentId: document.id,
      sha256: document.sha256,
      consent: true,
    });
    expect(await remind.execute(booking.bookingId, first.id)).toBe('no_longer_due');

    // Two days before the session: no reminder would come before it.
    const soon = await confirmedTrainingBooking({ startsInDays: 2 });
    await issue.execute(soon.bookingId);
    expect(await outbox(soon.bookingId, TrainingEvents.ConventionReminderDue)).toHaveLength(0);
    expect(await remind.execute(soon.bookingId, first.id)).toBe('last_reminder');
  });

  it('keeps the terms a convention was issued with, and its migration reverts', async () => {
    const booking = await confirmedTrainingBooking();
    await issue.execute(booking.bookingId);
    const owner = new Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    try {
      await expect(
        owner.query(`UPDATE training_conventions SET kind = 'contrat' WHERE booking_id = $1`, [
          booking.bookingId,
        ]),
      ).rejects.toThrow(/stored record and cannot be changed/);
      await expect(
        owner.query(`DELETE FROM training_conventions WHERE booking_id = $1`, [booking.bookingId]),
      ).rejects.toThrow(/stored record/);
      // down() then up() in a transaction rolled back: the run's database is left as it was.
      const runner = {
        query: (sql: string, parameters?: unknown[]) => owner.query(sql, parameters),
      } as unknown as QueryRunner;
      const migration = new TrainingConventions1796207200000();
      await owner.query('BEGIN');
      try {
        await migration.down(runner);
        const [{ exists }] = (
          await owner.query<{ exists: string | null }>(
            `SELECT to_regclass('training_conventions') AS exists`,
          )
        ).rows;
        expect(exists).toBeNull();
        await migration.up(runner);
      } finally {
        await owner.query('ROLLBACK');
      }
    } finally {
      await owner.end();
    }
    expect((await conventions.terms(booking.bookingId))?.kind).toBe('convention');
  });

  it('refuses an unknown signatory', async () => {
    await expect(
      settings.execute(admin, { signatoryUserId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toMatchObject({ code: 'invalid_training_settings' });
  });
});
