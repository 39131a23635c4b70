import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Queue } from 'bullmq';
import { Browser, chromium } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Clock, parisDate, parisStartOfDay, QueueName } from '@mutualis/core';
import { configureChambre } from '@mutualis/testing';
import { offeringBody } from '../catalogue/catalogue-fixtures';
import {
  createOrganisation,
  registerAndLogIn,
  TestUser,
  userWithRoles,
} from '../support/api-client';
import { eventually, expectStatus } from '../support/expectations';
import { pdfText } from '../support/factur-x-pdf';
import { startInProcessWorker } from '../support/in-process-worker';
import { IsolatedEnvironment, isolatedEnvironment } from '../support/isolated-environment';
import { installSimulatedTime, SimulatedClock } from '../support/simulated-time';
import { SmtpCatcher } from '../support/smtp-catcher';
import { createTestApp } from '../support/test-app';

jest.setTimeout(240_000);

const bearer = { type: 'bearer' } as const;
const HOUR = 3_600_000;
const PHONE = { width: 375, height: 812 };
/**
 * The story starts tomorrow and lasts a fortnight of simulated time: due events wait as BullMQ
 * delays (measured on the real clock) until the clock reaches them, and the sign-ins made on
 * the real clock stay live (their refresh tokens last 30 days).
 */
const dayAfter = (days: number) => parisDate(new Date(Date.now() + days * 24 * HOUR));
const BOOKED_ON = dayAfter(1);
const CONVOKED_ON = dayAfter(8);
const DAYS = [dayAfter(15), dayAfter(16)];
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Issue 21's acceptance, on a simulated clock through the api, the worker and SMTP, with the
 * trainees signing in a 375 px browser: a training with its content is published; an
 * organisation books two trainees; the convention is signed online by both sides; convocations
 * arrive a week before; on each of the four half-days each trainee signs from their phone (one
 * is absent the last afternoon), the consultant countersigns; at the end the attendance sheet,
 * attestations and certificates say 14 h and 10,5 h of 14 h; the hot survey is answered and
 * its results appear.
 */
describe('a training from publication to satisfaction, end to end', () => {
  let environment: IsolatedEnvironment;
  let clock: SimulatedClock;
  let smtp: SmtpCatcher;
  let storage: string;
  let app: NestExpressApplication;
  let worker: INestApplication;
  let db: DataSource;
  let browser: Browser;
  let baseUrl: string;
  let queues: Queue[];
  let admin: TestUser;
  let consultant: TestUser;
  let member: TestUser;
  const stamp = Date.now();
  const trainees = [
    { name: 'Léa Dubois', email: `lea.${stamp}@test.mutualis.fr` },
    { name: 'Karim Benali', email: `karim.${stamp}@test.mutualis.fr` },
  ];

  const api = () => request(app.getHttpServer());
  const mailsTo = (address: string, subject: RegExp) =>
    smtp.received.filter(
      (caught) =>
        caught.to.includes(address.toLowerCase()) && subject.test(caught.mail.subject ?? ''),
    );
  const pdf = (path: string, user: TestUser) =>
    api()
      .get(path)
      .auth(user.accessToken, bearer)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });

  /** Moves the clock, then runs the due events the worker holds as delayed jobs (real delays). */
  async function moveTo(day: string, time: string): Promise<void> {
    await clock.moveTo(day, time);
    const now = clock.now();
    for (const queue of queues) {
      for (const job of await queue.getDelayed()) {
        const [event] = await db.query<{ deliver_at: Date | null }[]>(
          `SELECT deliver_at FROM outbox_events WHERE id::text = $1`,
          [job.id],
        );
        if (event?.deliver_at && event.deliver_at <= now) await job.promote();
      }
    }
  }

  beforeAll(async () => {
    smtp = await SmtpCatcher.start();
    environment = await isolatedEnvironment('training_acceptance');
    clock = await installSimulatedTime(environment.databaseUrl, BOOKED_ON);
    storage = mkdtempSync(join(tmpdir(), 'mutualis-training-acceptance-'));
    const env = {
      ...environment.env,
      OUTBOX_POLL_MS: '50',
      INVOICE_STORAGE_DIR: join(storage, 'invoices'),
      DOCUMENT_STORAGE_DIR: join(storage, 'documents'),
      SMTP_URL: smtp.url,
      MAIL_FROM: 'ne-pas-repondre@test.mutualis.fr',
      PUBLIC_WEB_URL: 'https://mutualis.test',
      // Tokens are checked on the real clock: the run's few minutes.
      JWT_ACCESS_TTL_SECONDS: '7200',
    };
    app = await createTestApp(env);
    db = app.get(DataSource);
    await configureChambre(db);
    admin = await userWithRoles(app, 'acceptance-admin', ['admin']);
    consultant = await userWithRoles(app, 'acceptance-consultant', ['consultant']);
    member = await registerAndLogIn(app, 'acceptance-member');
    jest.spyOn(app.get(Clock), 'now').mockImplementation(() => clock.now());
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    worker = await startInProcessWorker(env, clock);
    const connection = { host: '127.0.0.1', port: 6379 };
    queues = [QueueName.Training, QueueName.Notifications].map(
      (name) => new Queue(name, { connection, prefix: `${environment.redisPrefix}:bull` }),
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all((queues ?? []).map((queue) => queue.close()));
    await worker?.close();
    await app?.close();
    await environment?.drop();
    await smtp?.stop();
    rmSync(storage, { recursive: true, force: true });
  });

  it('runs the whole training body’s paperwork', async () => {
    // A training with its pedagogical content, published; its programme is public.
    const created = await api()
      .post('/api/offerings')
      .auth(consultant.accessToken, bearer)
      .send(offeringBody({ title: 'Gouvernance partagée', durationMinutes: 840 }));
    expectStatus(created, 201);
    const offeringId = created.body.id as string;
    expectStatus(
      await api().post(`/api/offerings/${offeringId}/submit`).auth(consultant.accessToken, bearer),
      200,
    );
    expectStatus(
      await api().post(`/api/offerings/${offeringId}/publish`).auth(admin.accessToken, bearer),
      200,
    );
    const programme = await api().get(`/api/offerings/${offeringId}/programme.pdf`);
    expectStatus(programme, 200);
    const scheduled = await api()
      .post(`/api/offerings/${offeringId}/sessions`)
      .auth(consultant.accessToken, bearer)
      .send({
        startsAt: new Date(parisStartOfDay(DAYS[0]).getTime() + 9 * HOUR).toISOString(),
        endsAt: new Date(parisStartOfDay(DAYS[1]).getTime() + 17 * HOUR).toISOString(),
        capacity: 12,
        location: '8 rue Sainte-Barbe, 13001 Marseille',
      });
    expectStatus(scheduled, 201);
    const sessionId = scheduled.body.id as string;
    expectStatus(
      await api()
        .put('/api/admin/training/settings')
        .auth(admin.accessToken, bearer)
        .send({ signatoryUserId: admin.id, signatoryCapacity: 'Directrice' }),
      200,
    );

    // An organisation books two trainees; the Chambre confirms (a cheque).
    const organisationId = await createOrganisation(app, member);
    const booked = await api()
      .post('/api/bookings')
      .auth(member.accessToken, bearer)
      .send({ organisationId, sessionId, attendees: trainees });
    expectStatus(booked, 201);
    const bookingId = booked.body.id as string;
    expectStatus(
      await api()
        .post(`/api/bookings/${bookingId}/confirm`)
        .auth(admin.accessToken, bearer)
        .send({ method: 'cheque' }),
      200,
    );

    // The convention is issued by the worker, mailed, signed online by both sides.
    const documentsOf = () =>
      api().get(`/api/bookings/${bookingId}/documents`).auth(member.accessToken, bearer);
    let listed = await eventually(documentsOf, (response) => response.body.convention !== null);
    await eventually(
      async () => mailsTo(member.email, /à signer/),
      (mails) => mails.length >= 1,
    );
    for (const [signer, capacity] of [
      [member, 'Présidente'],
      [admin, 'Directrice'],
    ] as const) {
      listed = await api()
        .get(`/api/bookings/${bookingId}/documents`)
        .auth(signer.accessToken, bearer);
      const { documentId, sha256 } = listed.body.convention;
      expectStatus(
        await api()
          .post(`/api/documents/${documentId}/signatures`)
          .auth(signer.accessToken, bearer)
          .send({ sha256, consent: true, signerCapacity: capacity }),
        201,
      );
    }
    listed = await documentsOf();
    expect(listed.body.convention).toMatchObject({
      signedByOrganisation: true,
      signedByChambre: true,
      version: 3,
    });
    const signed = await pdf(`/api/documents/${listed.body.convention.documentId}`, member);
    expect(pdfText(signed.body as Buffer)).toContain('Signé par');

    // A week before: each trainee's convocation arrives, the PDF attached.
    await moveTo(CONVOKED_ON, '09:30');
    for (const trainee of trainees) {
      const [convocation] = await eventually(
        async () => mailsTo(trainee.email, /^Convocation/),
        (mails) => mails.length >= 1,
      );
      expect(convocation.mail.attachments.map((file) => file.contentType)).toContain(
        'application/pdf',
      );
    }

    // Each half-day: the trainees sign from a phone-sized browser, the consultant countersigns.
    // Karim is kept away the last afternoon: the consultant records it.
    const halfDays = [
      [DAYS[0], '09:10', '12:20'],
      [DAYS[0], '13:40', '16:50'],
      [DAYS[1], '09:10', '12:20'],
      [DAYS[1], '13:40', '16:50'],
    ];
    for (const [index, [day, opened, closing]] of halfDays.entries()) {
      await moveTo(day, opened);
      const grid = await api()
        .get(`/api/sessions/${sessionId}/half-days`)
        .auth(consultant.accessToken, bearer);
      expectStatus(grid, 200);
      const half = grid.body.halfDays[index];
      for (const [position, trainee] of trainees.entries()) {
        if (index === 3 && position === 1) continue;
        const link = await eventually(
          async () =>
            mailsTo(trainee.email, /^Émargement/)
              .map((caught) => /\/emargement\/([A-Za-z0-9_-]{64})/.exec(caught.mail.text ?? ''))
              .filter((match): match is RegExpExecArray => match !== null)
              .map((match) => match[1]),
          (tokens) => tokens.length > index,
        );
        const context = await browser.newContext({ viewport: PHONE });
        const phone = await context.newPage();
        await phone.goto(`${baseUrl}/emargement/${link[index]}`);
        await phone.getByText(`Bonjour ${trainee.name}`).waitFor();
        await phone.getByLabel('Taper mon nom').check();
        await phone.getByLabel('Votre nom et prénom').fill(trainee.name);
        await phone.getByRole('button', { name: 'Je signe ma présence' }).click();
        await phone.getByText(/C’est signé : présence enregistrée/).waitFor();
        await context.close();
      }
      await moveTo(day, closing);
      if (index === 3) {
        const karim = (grid.body.trainees as { attendeeId: string; name: string }[]).find(
          (row) => row.name === trainees[1].name,
        )!;
        expectStatus(
          await api()
            .post(`/api/half-days/${half.id}/absences`)
            .auth(consultant.accessToken, bearer)
            .send({
              attendeeId: karim.attendeeId,
              reason: 'Retenu par son conseil d’administration',
            }),
          204,
        );
      }
      expectStatus(
        await api()
          .post(`/api/half-days/${half.id}/countersignature`)
          .auth(consultant.accessToken, bearer)
          .send({ typedName: 'Claire Formatrice' }),
        200,
      );
    }

    // The evening after: the documents are made and mailed; they say the hours signed.
    await moveTo(DAYS[1], '19:00');
    const hours = { [trainees[0].email]: '14 h sur 14 h', [trainees[1].email]: '10,5 h sur 14 h' };
    for (const trainee of trainees) {
      const [completion] = await eventually(
        async () => mailsTo(trainee.email, /^Votre attestation de formation/),
        (mails) => mails.length >= 1,
      );
      const certificate = completion.mail.attachments.find((file) =>
        file.filename?.startsWith('certificat'),
      )!;
      const text = pdfText(certificate.content).replace(/\s+/g, ' ');
      expect(text).toContain(trainee.name);
      expect(text).toContain(`réalisée à hauteur de ${hours[trainee.email]}`);
    }
    const sheet = await pdf(`/api/sessions/${sessionId}/attendance-sheet`, consultant);
    expectStatus(sheet, 200);
    const sheetText = pdfText(sheet.body as Buffer).replace(/\s+/g, ' ');
    expect(sheetText).toContain('10,5 h');
    expect(sheetText).toContain('Absent');
    const kinds = (await documentsOf()).body.documents.map(
      (document: { kind: string }) => document.kind,
    );
    expect(kinds).toEqual(expect.arrayContaining(['attestation', 'certificate', 'convocation']));

    // The hot survey arrives with the session's end; both answer; the consultant sees results.
    for (const [index, trainee] of trainees.entries()) {
      const [invitation] = await eventually(
        async () => mailsTo(trainee.email, /^Votre avis sur la formation/),
        (mails) => mails.length >= 1,
      );
      const token = /\/surveys\/([A-Za-z0-9_-]+)/.exec(invitation.mail.text ?? '')![1];
      expectStatus(
        await api()
          .post(`/api/surveys/${token}`)
          .send({ overall: 5 - index, objectivesMet: 4, content: 5, trainer: 5, organisation: 4 }),
        201,
      );
    }
    const results = await api()
      .get(`/api/sessions/${sessionId}/survey-results`)
      .auth(consultant.accessToken, bearer);
    expectStatus(results, 200);
    const hot = (
      results.body.stages as { stage: string; invited: number; answered: number; overall: number }[]
    ).find((stage) => stage.stage === 'hot')!;
    expect(hot).toMatchObject({ invited: 2, answered: 2, overall: 4.5 });
  });
});
