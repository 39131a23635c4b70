import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { completeTrainingPedagogy, pdfLines } from '@mutualis/testing';
import {
  createOrganisation,
  registerAndLogIn,
  TestUser,
  userWithRoles,
} from '../support/api-client';
import { eventually, expectFields, expectProblem, expectStatus } from '../support/expectations';
import { MailingStack, startMailingStack } from '../support/mailing-stack';
import { SmtpCatcher } from '../support/smtp-catcher';
import { offeringBody, parisDateIn, parisLocal } from '../catalogue/catalogue-fixtures';

const bearer = { type: 'bearer' } as const;

/**
 * A training's programme side through the api and the worker: the consultant states its
 * pedagogical content (required to submit), the Chambre publishes it and its programme PDF is
 * public and recorded; an organisation books two trainees, each receives their convocation with
 * the PDF; the session moves, each receives the revised one.
 */
describe('training programme and convocations, end to end', () => {
  let stack: MailingStack;
  let smtp: SmtpCatcher;
  let app: NestExpressApplication;
  let db: DataSource;
  let admin: TestUser;
  let consultant: TestUser;

  const api = () => request(app.getHttpServer());
  const mailsTo = (address: string) =>
    smtp.received.filter((caught) => caught.to.includes(address.toLowerCase()));

  beforeAll(async () => {
    stack = await startMailingStack('training_programme');
    ({ smtp, app, db } = stack);
    admin = await userWithRoles(app, 'training-admin', ['admin']);
    consultant = await userWithRoles(app, 'training-consultant', ['consultant']);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function publishedTraining(): Promise<string> {
    const created = await api()
      .post('/api/offerings')
      .auth(consultant.accessToken, bearer)
      .send(offeringBody({ title: 'Être employeur associatif', durationMinutes: 840 }));
    expectStatus(created, 201);
    expectStatus(
      await api()
        .post(`/api/offerings/${created.body.id}/submit`)
        .auth(consultant.accessToken, bearer),
      200,
    );
    expectStatus(
      await api().post(`/api/offerings/${created.body.id}/publish`).auth(admin.accessToken, bearer),
      200,
    );
    return created.body.id as string;
  }

  it('refuses to submit a training without its pedagogical content: 422 naming each field, still a draft', async () => {
    const created = await api()
      .post('/api/offerings')
      .auth(consultant.accessToken, bearer)
      .send(offeringBody({ pedagogy: { objectives: ['Comprendre'] } }));
    expectStatus(created, 201);
    const refused = await api()
      .post(`/api/offerings/${created.body.id}/submit`)
      .auth(consultant.accessToken, bearer);
    expectProblem(refused, 422, 'incomplete_training');
    expectFields(refused, [
      'pedagogy.prerequisites',
      'pedagogy.audience',
      'pedagogy.modules',
      'pedagogy.teachingMethods',
      'pedagogy.evaluationMethods',
      'pedagogy.accessibility',
      'pedagogy.accessDelay',
      'pedagogy.accessibilityReferent.name',
      'pedagogy.accessibilityReferent.email',
    ]);
    const mine = await api()
      .get(`/api/offerings/${created.body.id}`)
      .auth(consultant.accessToken, bearer);
    expect(mine.body.status).toBe('draft');

    const badEmail = await api()
      .patch(`/api/offerings/${created.body.id}`)
      .auth(consultant.accessToken, bearer)
      .send({
        pedagogy: completeTrainingPedagogy({
          accessibilityReferent: { name: 'Claire', email: 'pas-une-adresse' },
        }),
      });
    expectProblem(badEmail, 400);
  });

  it('publishes a complete training: its programme PDF is public, recorded as a document, and shown in the offering', async () => {
    const offeringId = await publishedTraining();
    const offering = await api().get(`/api/offerings/${offeringId}`);
    expectStatus(offering, 200);
    expect(offering.body.pedagogy).toEqual(completeTrainingPedagogy());

    const pdf = await api()
      .get(`/api/offerings/${offeringId}/programme.pdf`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expectStatus(pdf, 200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfLines(pdf.body as Buffer).join(' ');
    expect(text).toContain('Être employeur associatif');
    expect(text).toContain('Objectifs pédagogiques');

    const recorded = await eventually(
      () =>
        db.query<{ kind: string }[]>(`SELECT kind FROM training_documents WHERE offering_id = $1`, [
          offeringId,
        ]),
      (rows) => rows.length > 0,
    );
    expect(recorded).toEqual([{ kind: 'programme' }]);

    expectProblem(
      await api().get(`/api/offerings/00000000-0000-4000-8000-000000000000/programme.pdf`),
      404,
    );
    expectProblem(await api().get(`/api/offerings/not-a-uuid/programme.pdf`), 400);
  });

  it('sends each trainee their convocation with the PDF, and a revised one when the session moves', async () => {
    const offeringId = await publishedTraining();
    const day = parisDateIn(3);
    const next = parisDateIn(4);
    const scheduled = await api()
      .post(`/api/offerings/${offeringId}/sessions`)
      .auth(consultant.accessToken, bearer)
      .send({
        startsAt: parisLocal(day, '09:00'),
        endsAt: parisLocal(next, '17:00'),
        capacity: 10,
        location: 'Cité des associations, 93 La Canebière, 13001 Marseille',
      });
    expectStatus(scheduled, 201);
    const sessionId: string = scheduled.body.id;

    const booker = await registerAndLogIn(app, 'training-booker');
    const organisationId = await createOrganisation(app, booker);
    const trainees = ['ines', 'paul'].map((name) => ({
      name: name === 'ines' ? 'Inès Durand' : 'Paul Martin',
      email: `${name}-${sessionId.slice(0, 8)}@test.mutualis.fr`,
    }));
    const booked = await api()
      .post('/api/bookings')
      .auth(booker.accessToken, bearer)
      .send({ organisationId, sessionId, attendees: trainees });
    expectStatus(booked, 201);
    expectStatus(
      await api()
        .post(`/api/bookings/${booked.body.id}/confirm`)
        .auth(admin.accessToken, bearer)
        .send({ method: 'cheque' }),
      200,
    );

    for (const trainee of trainees) {
      const [mail] = await eventually(
        async () =>
          mailsTo(trainee.email).filter((caught) =>
            caught.mail.subject?.startsWith('Convocation :'),
          ),
        (mails) => mails.length > 0,
      );
      expect(mail.mail.subject).toBe('Convocation : Être employeur associatif');
      expect(mail.mail.text).toContain(`${trainee.name},`);
      const [pdf] = mail.mail.attachments.filter((file) => file.contentType === 'application/pdf');
      const text = pdfLines(pdf.content).join(' ');
      expect(text).toContain(trainee.name);
      expect(text).toContain('Durée totale : 14 h');
    }

    const stranger = await userWithRoles(app, 'other-consultant', ['consultant']);
    const refused = await api()
      .patch(`/api/sessions/${sessionId}`)
      .auth(stranger.accessToken, bearer)
      .send({ location: 'Ailleurs' });
    expectProblem(refused, 403, 'not_offering_owner');
    const invalid = await api()
      .patch(`/api/sessions/${sessionId}`)
      .auth(consultant.accessToken, bearer)
      .send({ startsAt: 'demain' });
    expectProblem(invalid, 400);

    const moved = await api()
      .patch(`/api/sessions/${sessionId}`)
      .auth(consultant.accessToken, bearer)
      .send({
        startsAt: parisLocal(parisDateIn(5), '09:00'),
        endsAt: parisLocal(parisDateIn(6), '17:00'),
        location: 'Maison des associations, 12 rue Colbert, 13001 Marseille',
      });
    expectStatus(moved, 200);
    expect(moved.body.location).toBe('Maison des associations, 12 rue Colbert, 13001 Marseille');

    for (const trainee of trainees) {
      const [mail] = await eventually(
        async () =>
          mailsTo(trainee.email).filter((caught) =>
            caught.mail.subject?.startsWith('Convocation modifiée'),
          ),
        (mails) => mails.length > 0,
      );
      const [pdf] = mail.mail.attachments.filter((file) => file.contentType === 'application/pdf');
      const text = pdfLines(pdf.content).join(' ');
      expect(text).toContain('annule et remplace la précédente');
      expect(text).toContain('Maison des associations, 12 rue Colbert');
    }
  });
});
