import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { QueueName } from '@mutualis/core';
import { insertOrganisations, insertPublishedSession } from '@mutualis/testing';
import { grantPlatformRoles, registerAndLogIn, TestUser } from '../support/api-client';
import { eventually, expectFields, expectProblem, expectStatus } from '../support/expectations';
import { MailingStack, startMailingStack } from '../support/mailing-stack';
import { SmtpCatcher } from '../support/smtp-catcher';

const bearer = { type: 'bearer' } as const;

/**
 * The hot satisfaction survey through the api and the worker: a confirmed training booking
 * schedules it for the session's end; then each trainee receives a personal link, answers once
 * without an account, and the consultant (not another one, not a member) reads the results and
 * their CSV.
 */
describe('training satisfaction survey, end to end', () => {
  let stack: MailingStack;
  let smtp: SmtpCatcher;
  let app: NestExpressApplication;
  let worker: INestApplication;
  let db: DataSource;
  let member: TestUser;
  let finance: TestUser;
  let consultant: TestUser;
  let otherConsultant: TestUser;

  const api = () => request(app.getHttpServer());
  const mailsTo = (address: string) =>
    smtp.received.filter((caught) => caught.to.includes(address.toLowerCase()));

  beforeAll(async () => {
    stack = await startMailingStack('training_survey');
    ({ smtp, app, worker, db } = stack);
    [member, finance, consultant, otherConsultant] = await Promise.all([
      registerAndLogIn(app, 'survey-member'),
      registerAndLogIn(app, 'survey-finance'),
      registerAndLogIn(app, 'survey-consultant'),
      registerAndLogIn(app, 'survey-other-consultant'),
    ]);
    await grantPlatformRoles(app, finance, ['finance']);
    await grantPlatformRoles(app, consultant, ['consultant']);
    await grantPlatformRoles(app, otherConsultant, ['consultant']);
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('mails each trainee a link at the session end; one answer each; results for the consultant only', async () => {
    const [organisationId] = await insertOrganisations(db, member.id, 1);
    const { sessionId, offeringId } = await insertPublishedSession(db, {
      consultantId: consultant.id,
    });
    const trainees = ['lea.survey@test.mutualis.fr', 'hugo.survey@test.mutualis.fr'];
    const booked = await api()
      .post('/api/bookings')
      .auth(member.accessToken, bearer)
      .send({
        organisationId,
        sessionId,
        attendees: [
          { name: 'Léa Dubois', email: trainees[0] },
          { name: 'Hugo Martin', email: trainees[1] },
        ],
      });
    expectStatus(booked, 201);
    expectStatus(
      await api()
        .post(`/api/bookings/${booked.body.id}/confirm`)
        .auth(finance.accessToken, bearer)
        .send({ method: 'cheque' }),
      200,
    );

    // The worker schedules the hot survey at the session's end (and the cold one later).
    const due = await eventually(
      () =>
        db.query<{ id: string; payload: { stage: string } }[]>(
          `SELECT id, payload FROM outbox_events WHERE type = 'training.survey-due' AND aggregate_id = $1`,
          [sessionId],
        ),
      (rows) => rows.length === 2,
    );
    expect(due.map((row) => row.payload.stage).sort()).toEqual(['cold', 'hot']);

    // The session takes place: its end is now, and so is the hot survey's delivery.
    await db.query(
      `UPDATE sessions SET starts_at = now() - interval '8 hours', ends_at = now() - interval '1 hour',
                           registration_deadline = now() - interval '9 hours' WHERE id = $1`,
      [sessionId],
    );
    // Its delayed job (the event's id) runs now, as it would at the session's end.
    const hot = due.find((row) => row.payload.stage === 'hot')!;
    const notifications = worker.get<Queue>(getQueueToken(QueueName.Notifications));
    const job = await eventually(
      () => notifications.getJob(hot.id),
      (found) => found !== undefined,
    );
    await job!.promote();

    await eventually(
      async () => trainees.map((address) => mailsTo(address).length),
      (counts) => counts.every((count) => count === 1),
    );
    const links = trainees.map((address) => {
      const [mail] = mailsTo(address);
      expect(mail.mail.subject).toContain('Votre avis sur la formation');
      const found = /https:\/\/mutualis\.test\/surveys\/([A-Za-z0-9_-]{43})/.exec(
        mail.mail.text ?? '',
      );
      expect(found).not.toBeNull();
      return found![1];
    });
    // The clear link is in the mail only: the delivery log keeps the invitation's id.
    const [logged] = await db.query<{ params: string }[]>(
      `SELECT params::text FROM notification_deliveries WHERE template = 'training-survey-invitation' AND recipient = $1`,
      [trainees[0]],
    );
    expect(logged.params).not.toContain(links[0]);

    const shown = await api().get(`/api/surveys/${links[0]}`);
    expectStatus(shown, 200);
    expect(shown.body).toMatchObject({
      stage: 'hot',
      respondent: 'trainee',
      name: 'Léa Dubois',
      offeringTitle: 'Formation de test',
      answeredAt: null,
      asksPractice: false,
    });

    const incomplete = await api()
      .post(`/api/surveys/${links[0]}`)
      .send({ overall: 7, objectivesMet: 4, content: 4, trainer: 5 });
    expectProblem(incomplete, 400);
    expectFields(incomplete, ['overall', 'organisation']);

    const answer = {
      overall: 5,
      objectivesMet: 4,
      content: 4,
      trainer: 5,
      organisation: 4,
      comment: 'Très utile pour notre AG.',
    };
    expectStatus(await api().post(`/api/surveys/${links[0]}`).send(answer), 201);
    expectProblem(
      await api().post(`/api/surveys/${links[0]}`).send(answer),
      409,
      'survey_already_answered',
    );
    const hotPractice = await api()
      .post(`/api/surveys/${links[1]}`)
      .send({ ...answer, practice: 3 });
    expectProblem(hotPractice, 400, 'invalid_survey_answer');
    expectProblem(await api().get(`/api/surveys/${'A'.repeat(43)}`), 404, 'survey_link_invalid');
    expectProblem(await api().get('/api/surveys/not-a-link'), 404, 'survey_link_invalid');

    const results = await api()
      .get(`/api/sessions/${sessionId}/survey-results`)
      .auth(consultant.accessToken, bearer);
    expectStatus(results, 200);
    expect(results.body.stages[0]).toMatchObject({
      stage: 'hot',
      invited: 2,
      answered: 1,
      responseRate: 0.5,
      overall: 5,
      organisation: 4,
    });
    expect(results.body.comments).toMatchObject([{ comment: 'Très utile pour notre AG.' }]);
    expectStatus(
      await api()
        .get(`/api/offerings/${offeringId}/survey-results`)
        .auth(consultant.accessToken, bearer),
      200,
    );
    for (const path of [
      `/api/sessions/${sessionId}/survey-results`,
      `/api/offerings/${offeringId}/survey-results`,
      `/api/consultants/${consultant.id}/survey-results`,
    ]) {
      for (const caller of [otherConsultant, member]) {
        expectProblem(
          await api().get(path).auth(caller.accessToken, bearer),
          404,
          'survey_results_not_found',
        );
      }
    }
    expectProblem(
      await api()
        .get('/api/sessions/not-a-uuid/survey-results')
        .auth(consultant.accessToken, bearer),
      400,
    );

    const csv = await api()
      .get(`/api/sessions/${sessionId}/survey-results`)
      .query({ format: 'csv' })
      .auth(consultant.accessToken, bearer)
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => done(null, text));
      });
    expectStatus(csv, 200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = (csv.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Très utile pour notre AG.');
    expect(csv.body as string).not.toMatch(/@|Léa|Hugo/);
  });
});
