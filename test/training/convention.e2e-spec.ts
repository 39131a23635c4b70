import { createHash } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { QueueName } from '@mutualis/core';
import { TrainingEvents } from '@mutualis/training';
import { DAY_MS, insertOrganisations, insertPublishedSession, pdfLines } from '@mutualis/testing';
import { registerAndLogIn, TestUser, userWithRoles } from '../support/api-client';
import { eventually, expectFields, expectProblem, expectStatus } from '../support/expectations';
import { MailingStack, startMailingStack } from '../support/mailing-stack';
import { SmtpCatcher } from '../support/smtp-catcher';

const bearer = { type: 'bearer' } as const;

/**
 * A training booking's convention through the api and the worker: confirmed, the worker issues
 * it; the organisation's admin and the Chambre's signatory sign it online, each on the newest
 * version; its readers download every version; others get 404; bad requests change nothing.
 */
describe('conventions de formation, end to end', () => {
  let stack: MailingStack;
  let smtp: SmtpCatcher;
  let app: NestExpressApplication;
  let worker: INestApplication;
  let db: DataSource;
  let admin: TestUser;
  let signatory: TestUser;
  let consultant: TestUser;
  let orgAdmin: TestUser;
  let stranger: TestUser;
  let organisationId: string;

  const api = () => request(app.getHttpServer());
  const binary = (
    response: request.Response,
    callback: (error: Error | null, body: Buffer) => void,
  ) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => callback(null, Buffer.concat(chunks)));
  };
  const pdf = (user: TestUser, documentId: string) =>
    api()
      .get(`/api/documents/${documentId}`)
      .auth(user.accessToken, bearer)
      .buffer(true)
      .parse(binary);

  beforeAll(async () => {
    stack = await startMailingStack('training_conventions');
    ({ smtp, app, worker, db } = stack);
    [admin, signatory, consultant, orgAdmin, stranger] = await Promise.all([
      userWithRoles(app, 'training-admin', ['admin']),
      userWithRoles(app, 'training-signatory', ['admin']),
      userWithRoles(app, 'training-consultant', ['consultant']),
      registerAndLogIn(app, 'training-org-admin'),
      registerAndLogIn(app, 'training-stranger'),
    ]);
    [organisationId] = await insertOrganisations(db, orgAdmin.id, 1, 'active');
    await insertOrganisations(db, stranger.id, 1, 'active');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('lets admins name the Chambre’s signatory and refuses bad settings', async () => {
    const forbidden = await api()
      .put('/api/admin/training/settings')
      .auth(orgAdmin.accessToken, bearer)
      .send({ requireSignedConvention: true });
    expectProblem(forbidden, 403);
    const invalid = await api()
      .put('/api/admin/training/settings')
      .auth(admin.accessToken, bearer)
      .send({ convocationDaysBefore: 0, signatoryUserId: 'nobody' });
    expectProblem(invalid, 400);
    expectFields(invalid, ['convocationDaysBefore', 'signatoryUserId']);
    const unknown = await api()
      .put('/api/admin/training/settings')
      .auth(admin.accessToken, bearer)
      .send({ signatoryUserId: '00000000-0000-4000-8000-000000000000' });
    expectProblem(unknown, 400, 'invalid_training_settings');

    const set = await api()
      .put('/api/admin/training/settings')
      .auth(admin.accessToken, bearer)
      .send({
        signatoryUserId: signatory.id,
        signatoryName: 'Claire Fontaine',
        signatoryCapacity: 'Directrice',
      });
    expectStatus(set, 200);
    expect(set.body).toMatchObject({
      signatoryUserId: signatory.id,
      signatoryName: 'Claire Fontaine',
      convocationDaysBefore: 7,
    });
    const read = await api().get('/api/admin/training/settings').auth(admin.accessToken, bearer);
    expect(read.body).toMatchObject({ signatoryCapacity: 'Directrice' });
  });

  it('issues the convention on confirmation and has it signed by both sides', async () => {
    const { sessionId } = await insertPublishedSession(db, {
      startsInMs: 20 * DAY_MS,
      consultantId: consultant.id,
      vatTreatment: 'standard',
    });
    await db.query(
      `UPDATE sessions
          SET starts_at = ((now() AT TIME ZONE 'Europe/Paris')::date + 20 + time '09:00') AT TIME ZONE 'Europe/Paris',
              ends_at = ((now() AT TIME ZONE 'Europe/Paris')::date + 21 + time '17:00') AT TIME ZONE 'Europe/Paris',
              registration_deadline = now() + interval '10 days'
        WHERE id = $1`,
      [sessionId],
    );
    const booked = await api()
      .post('/api/bookings')
      .auth(orgAdmin.accessToken, bearer)
      .send({
        organisationId,
        sessionId,
        attendees: [
          { name: 'Camille Martin', email: 'camille.martin@test.mutualis.fr' },
          { name: 'Léo Bernard', email: 'leo.bernard@test.mutualis.fr' },
        ],
      });
    expectStatus(booked, 201);
    const bookingId: string = booked.body.id;
    const confirmed = await api()
      .post(`/api/bookings/${bookingId}/confirm`)
      .auth(admin.accessToken, bearer)
      .send({ method: 'cheque' });
    expectStatus(confirmed, 200);

    const documents = () =>
      api().get(`/api/bookings/${bookingId}/documents`).auth(orgAdmin.accessToken, bearer);
    const issued = await eventually(documents, (response) => response.body.convention !== null);
    expect(issued.body.documents).toHaveLength(1);
    const [first] = issued.body.documents;
    expect(first).toMatchObject({ kind: 'convention', version: 1, latest: true, bookingId });
    expect(issued.body.convention).toMatchObject({
      documentId: first.id,
      sha256: first.sha256,
      signedByOrganisation: false,
      signedByChambre: false,
    });

    // The organisation's admin is sent it to sign, the version attached.
    const mails = await eventually(
      async () =>
        smtp.received.filter(
          (caught) =>
            caught.to.includes(orgAdmin.email.toLowerCase()) &&
            caught.mail.subject?.startsWith('Votre convention de formation à signer'),
        ),
      (found) => found.length > 0,
    );
    expect(mails).toHaveLength(1);
    const [attachment] = mails[0].mail.attachments;
    expect(attachment.contentType).toBe('application/pdf');
    expect(createHash('sha256').update(attachment.content).digest('hex')).toBe(first.sha256);
    expect(mails[0].mail.text).toContain(first.sha256);

    // The first reminder, brought forward: the admin is reminded, and the next one is planned.
    // The relay queued it as a delayed job (job id = event id) on both queues: promote them.
    const [reminder] = await eventually(
      () =>
        db.query<{ id: string }[]>(
          `SELECT id FROM outbox_events
            WHERE aggregate_id = $1 AND type = $2 AND published_at IS NOT NULL`,
          [bookingId, TrainingEvents.ConventionReminderDue],
        ),
      (rows) => rows.length === 1,
    );
    for (const name of [QueueName.Training, QueueName.Notifications]) {
      const job = await worker
        .get<Queue>(getQueueToken(name), { strict: false })
        .getJob(reminder.id);
      await job!.promote();
    }
    await eventually(
      async () =>
        smtp.received.filter(
          (caught) =>
            caught.to.includes(orgAdmin.email.toLowerCase()) &&
            caught.mail.subject?.startsWith('Rappel : convention de formation à signer'),
        ),
      (found) => found.length > 0,
    );
    const planned = await eventually(
      () =>
        db.query<{ deliver_at: Date }[]>(
          `SELECT deliver_at FROM outbox_events WHERE aggregate_id = $1 AND type = $2 ORDER BY deliver_at`,
          [bookingId, TrainingEvents.ConventionReminderDue],
        ),
      (rows) => rows.length === 2,
    );
    expect(planned[1].deliver_at.getTime()).toBeGreaterThan(Date.now() + 2.9 * DAY_MS);

    // Its readers download it, checked; anyone else is told it does not exist.
    for (const reader of [orgAdmin, consultant, admin]) {
      const file = await pdf(reader, first.id);
      expectStatus(file, 200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(
        createHash('sha256')
          .update(file.body as Buffer)
          .digest('hex'),
      ).toBe(first.sha256);
    }
    const text = pdfLines((await pdf(orgAdmin, first.id)).body as Buffer).join(' ');
    expect(text).toContain('Convention de formation professionnelle');
    expect(text).toContain('Camille Martin, Léo Bernard');
    expectProblem(
      await api().get(`/api/documents/${first.id}`).auth(stranger.accessToken, bearer),
      404,
      'training_document_not_found',
    );
    expectProblem(
      await api().get(`/api/bookings/${bookingId}/documents`).auth(stranger.accessToken, bearer),
      404,
    );
    expectProblem(
      await api().get('/api/documents/not-a-uuid').auth(admin.accessToken, bearer),
      400,
    );

    const signatures = `/api/documents/${first.id}/signatures`;
    const refusals: [TestUser, Record<string, unknown>, number, string?][] = [
      [orgAdmin, { sha256: first.sha256, consent: false }, 400],
      [orgAdmin, { sha256: 'nope', consent: true }, 400],
      [orgAdmin, { sha256: 'e'.repeat(64), consent: true }, 409, 'convention_outdated'],
      [consultant, { sha256: first.sha256, consent: true }, 403, 'not_the_signatory'],
      [stranger, { sha256: first.sha256, consent: true }, 404, 'training_document_not_found'],
    ];
    for (const [user, body, status, code] of refusals) {
      const refused = await api().post(signatures).auth(user.accessToken, bearer).send(body);
      expectProblem(refused, status, code);
    }

    const signed = await api()
      .post(signatures)
      .auth(orgAdmin.accessToken, bearer)
      .send({ sha256: first.sha256, consent: true, signerCapacity: 'Gérante' });
    expectStatus(signed, 201);
    expect(signed.body).toMatchObject({ kind: 'convention', version: 2, latest: true });
    const again = await api()
      .post(signatures)
      .auth(signatory.accessToken, bearer)
      .send({ sha256: first.sha256, consent: true });
    expectProblem(again, 409, 'convention_outdated');

    const countersigned = await api()
      .post(`/api/documents/${signed.body.id}/signatures`)
      .auth(signatory.accessToken, bearer)
      .send({ sha256: signed.body.sha256, consent: true });
    expectStatus(countersigned, 201);
    const stamped = pdfLines((await pdf(orgAdmin, countersigned.body.id)).body as Buffer).join(' ');
    expect(stamped).toContain('En qualité de Gérante');
    expect(stamped).toContain('Signé par Claire Fontaine');

    const after = await documents();
    expect(after.body.documents.map((document: { version: number }) => document.version)).toEqual(
      expect.arrayContaining([1, 2, 3]),
    );
    expect(after.body.convention).toMatchObject({
      version: 3,
      signedByOrganisation: true,
      signedByChambre: true,
    });
    const version1 = after.body.documents.find((d: { version: number }) => d.version === 1);
    expect(version1).toMatchObject({
      latest: false,
      sha256: first.sha256,
      signatures: [expect.objectContaining({ party: 'organisation', signerCapacity: 'Gérante' })],
    });
  });
});
