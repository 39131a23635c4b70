import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BookUseCase, ConfirmBookingUseCase } from '@mutualis/booking';
import { DomainException } from '@mutualis/core';
import {
  createTestContext,
  insertBooker,
  insertConsultant,
  insertPublishedSession,
  SessionFixture,
} from '@mutualis/testing';
import { SurveyLinksService } from './services/survey-links.service';
import { TrainingErrorCode } from './training.exception';
import { TrainingEvents } from './training.events';
import { TrainingModule } from './training.module';
import {
  AnswerSurveyCommand,
  AnswerSurveyUseCase,
} from './use-cases/answer-survey/answer-survey.use-case';
import { GetSurveyUseCase } from './use-cases/get-survey/get-survey.use-case';
import { GetSurveyResultsUseCase } from './use-cases/get-survey-results/get-survey-results.use-case';
import { InviteToSurveyUseCase } from './use-cases/invite-to-survey/invite-to-survey.use-case';
import { ScheduleSurveysUseCase } from './use-cases/schedule-surveys/schedule-surveys.use-case';
import {
  IsolatedEnvironment,
  isolatedEnvironment,
} from '../../../test/support/isolated-environment';

const HOUR = 3_600_000;

describe('training surveys', () => {
  let context: INestApplicationContext;
  // A database of its own: the training settings are one row, which the run's other files
  // (the hostile fuzz's PUT /admin/training/settings) may change meanwhile.
  let environment: IsolatedEnvironment;
  let db: DataSource;

  beforeAll(async () => {
    environment = await isolatedEnvironment('training_surveys');
    context = await createTestContext([TrainingModule], environment.env);
    db = context.get(DataSource);
  });

  afterAll(async () => {
    await context.close();
    await environment?.drop();
  });

  /** A confirmed booking of `names` trainees on the session, by a new organisation. */
  async function confirmedBooking(sessionId: string, names: string[]) {
    const booker = await insertBooker(db);
    const { body } = await context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId,
      attendees: names.map((name) => ({
        name,
        email: `${name.toLowerCase()}-${randomUUID()}@test.mutualis.fr`,
      })),
    });
    await context
      .get(ConfirmBookingUseCase)
      .execute({ bookingId: body.id, method: 'cheque', confirmedBy: null });
    return { bookingId: body.id, booker };
  }

  /** The session as if it had just taken place (bookings are only taken before it starts). */
  async function endSession(sessionId: string, endedAgoMs = HOUR): Promise<void> {
    await db.query(
      `UPDATE sessions
          SET starts_at = now() - make_interval(secs => $2::double precision / 1000) - interval '7 hours',
              ends_at = now() - make_interval(secs => $2::double precision / 1000),
              registration_deadline = now() - make_interval(secs => $2::double precision / 1000) - interval '8 hours'
        WHERE id = $1`,
      [sessionId, endedAgoMs],
    );
  }

  async function surveyDueEvents(sessionId: string) {
    return db.query<{ payload: { stage: string }; deliver_at: Date }[]>(
      `SELECT payload, deliver_at FROM outbox_events
        WHERE type = $1 AND aggregate_id = $2 ORDER BY deliver_at`,
      [TrainingEvents.SurveyDue, sessionId],
    );
  }

  /** A link for each open invitation of the stage, as the mail would carry it. */
  async function links(sessionId: string, stage: 'hot' | 'cold') {
    const result = await context.get(InviteToSurveyUseCase).execute(sessionId, stage);
    return Promise.all(
      result.invitations.map(async (invitation) => ({
        invitation,
        token: (await db.transaction((manager) =>
          context.get(SurveyLinksService).mint(invitation.id, manager),
        ))!,
      })),
    );
  }

  const good: Omit<AnswerSurveyCommand, 'token'> = {
    overall: 5,
    objectivesMet: 4,
    content: 4,
    trainer: 5,
    organisation: 3,
    comment: 'Très concret, merci.',
  };

  async function refusal(attempt: Promise<unknown>): Promise<DomainException> {
    const error: unknown = await attempt.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DomainException);
    return error as DomainException;
  }

  async function answerCount(sessionId: string): Promise<number> {
    const [{ count }] = await db.query<{ count: string }[]>(
      `SELECT count(*) FROM training_survey_answers a
         JOIN training_survey_invitations i ON i.id = a.invitation_id WHERE i.session_id = $1`,
      [sessionId],
    );
    return Number(count);
  }

  it('schedules the hot survey at the session end and the cold one 90 days later, once per session, again only when the end moves', async () => {
    const session = await insertPublishedSession(db);
    const first = await confirmedBooking(session.sessionId, ['Léa']);
    const second = await confirmedBooking(session.sessionId, ['Hugo']);
    const schedule = context.get(ScheduleSurveysUseCase);

    expect(await schedule.forBooking(first.bookingId)).toBe('scheduled');
    expect(await schedule.forBooking(second.bookingId)).toBe('already_scheduled');
    const [{ ends_at: endsAt }] = await db.query<{ ends_at: Date }[]>(
      `SELECT ends_at FROM sessions WHERE id = $1`,
      [session.sessionId],
    );
    let events = await surveyDueEvents(session.sessionId);
    expect(events.map((event) => [event.payload.stage, event.deliver_at.getTime()])).toEqual([
      ['hot', endsAt.getTime()],
      ['cold', endsAt.getTime() + 90 * 86_400_000],
    ]);

    await db.query(`UPDATE sessions SET ends_at = ends_at + interval '1 day' WHERE id = $1`, [
      session.sessionId,
    ]);
    expect(await schedule.forBooking(first.bookingId)).toBe('scheduled');
    events = await surveyDueEvents(session.sessionId);
    expect(events).toHaveLength(4);
  });

  it('invites each trainee once at the session end; nobody before it (scheduled again) nor on a cancelled session', async () => {
    const session = await insertPublishedSession(db);
    await confirmedBooking(session.sessionId, ['Léa', 'Hugo']);
    const invite = context.get(InviteToSurveyUseCase);

    const early = await invite.execute(session.sessionId, 'hot');
    expect(early.outcome).toBe('not_due_yet');
    expect(early.invitations).toHaveLength(0);
    expect(await surveyDueEvents(session.sessionId)).toHaveLength(2);

    await endSession(session.sessionId);
    const due = await invite.execute(session.sessionId, 'hot');
    expect(due.outcome).toBe('invited');
    expect(due.invitations.map((invitation) => invitation.name).sort()).toEqual(['Hugo', 'Léa']);
    expect(due.invitations.every((invitation) => invitation.respondent === 'trainee')).toBe(true);
    const again = await invite.execute(session.sessionId, 'hot');
    expect(again.invitations.map((invitation) => invitation.id).sort()).toEqual(
      due.invitations.map((invitation) => invitation.id).sort(),
    );
    const [{ count }] = await db.query<{ count: string }[]>(
      `SELECT count(*) FROM training_survey_invitations WHERE session_id = $1`,
      [session.sessionId],
    );
    expect(Number(count)).toBe(2);

    const cancelled = await insertPublishedSession(db);
    await confirmedBooking(cancelled.sessionId, ['Inès']);
    await endSession(cancelled.sessionId);
    await db.query(`UPDATE sessions SET status = 'cancelled' WHERE id = $1`, [cancelled.sessionId]);
    const none = await invite.execute(cancelled.sessionId, 'hot');
    expect(none).toMatchObject({ outcome: 'session_cancelled', invitations: [] });
  });

  it('takes one answer per person from a link, shows it answered, and refuses a second one or a replaced link', async () => {
    const session = await insertPublishedSession(db);
    await confirmedBooking(session.sessionId, ['Léa']);
    await endSession(session.sessionId);
    const [{ invitation, token }] = await links(session.sessionId, 'hot');

    const shown = await context.get(GetSurveyUseCase).execute(token);
    expect(shown).toMatchObject({
      stage: 'hot',
      respondent: 'trainee',
      name: 'Léa',
      offeringTitle: 'Formation de test',
      answeredAt: null,
      asksPractice: false,
    });

    const answer = context.get(AnswerSurveyUseCase);
    await answer.execute({ ...good, token });
    expect((await context.get(GetSurveyUseCase).execute(token)).answeredAt).toBeInstanceOf(Date);
    expect((await refusal(answer.execute({ ...good, token }))).code).toBe(
      TrainingErrorCode.SurveyAlreadyAnswered,
    );
    // Two at once: the primary key lets exactly one through.
    const session2 = await insertPublishedSession(db);
    await confirmedBooking(session2.sessionId, ['Hugo']);
    await endSession(session2.sessionId);
    const [{ token: token2 }] = await links(session2.sessionId, 'hot');
    const raced = await Promise.allSettled([
      answer.execute({ ...good, token: token2 }),
      answer.execute({ ...good, token: token2 }),
    ]);
    expect(raced.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(await answerCount(session2.sessionId)).toBe(1);

    // An answered invitation gets no new link; an unknown or malformed one is « invalid ».
    expect(
      await db.transaction((manager) =>
        context.get(SurveyLinksService).mint(invitation.id, manager),
      ),
    ).toBeNull();
    for (const wrong of ['x'.repeat(43), 'not a token', '']) {
      expect((await refusal(context.get(GetSurveyUseCase).execute(wrong))).code).toBe(
        TrainingErrorCode.SurveyLinkInvalid,
      );
    }
  });

  it('replaces a link when the mail is sent again: the older one stops working', async () => {
    const session = await insertPublishedSession(db);
    await confirmedBooking(session.sessionId, ['Léa']);
    await endSession(session.sessionId);
    const [{ invitation, token: old }] = await links(session.sessionId, 'hot');
    const fresh = (await db.transaction((manager) =>
      context.get(SurveyLinksService).mint(invitation.id, manager),
    ))!;
    expect((await refusal(context.get(GetSurveyUseCase).execute(old))).code).toBe(
      TrainingErrorCode.SurveyLinkInvalid,
    );
    await context.get(AnswerSurveyUseCase).execute({ ...good, token: fresh });
  });

  it('closes a survey 60 days after it is sent: no answer and no new link after that', async () => {
    const session = await insertPublishedSession(db);
    await confirmedBooking(session.sessionId, ['Léa']);
    await endSession(session.sessionId);
    const [{ invitation, token }] = await links(session.sessionId, 'hot');
    expect(invitation.closesAt.getTime() - Date.now()).toBeGreaterThan(59 * 86_400_000);
    await db.query(
      `UPDATE training_survey_invitations SET closes_at = now() - interval '1 minute' WHERE id = $1`,
      [invitation.id],
    );
    expect((await refusal(context.get(AnswerSurveyUseCase).execute({ ...good, token }))).code).toBe(
      TrainingErrorCode.SurveyClosed,
    );
    expect(
      await db.transaction((manager) =>
        context.get(SurveyLinksService).mint(invitation.id, manager),
      ),
    ).toBeNull();
    expect(await answerCount(session.sessionId)).toBe(0);
  });

  it('refuses an incomplete or invalid answer with the failing fields, and writes nothing', async () => {
    const session = await insertPublishedSession(db);
    await confirmedBooking(session.sessionId, ['Léa']);
    await endSession(session.sessionId);
    const [{ token }] = await links(session.sessionId, 'hot');
    const answer = context.get(AnswerSurveyUseCase);

    const bad = await refusal(
      answer.execute({
        ...good,
        token,
        overall: 6,
        trainer: 0,
        practice: 4,
        comment: 'x'.repeat(2001),
      }),
    );
    expect(bad.code).toBe(TrainingErrorCode.InvalidSurveyAnswer);
    expect(bad.fields.map((field) => field.field).sort()).toEqual([
      'comment',
      'overall',
      'practice',
      'trainer',
    ]);
    expect(await answerCount(session.sessionId)).toBe(0);
  });

  it('sends the cold survey to the trainees and to each organisation’s booker, and asks what was put into practice', async () => {
    const session = await insertPublishedSession(db);
    const { booker } = await confirmedBooking(session.sessionId, ['Léa', 'Hugo']);
    await endSession(session.sessionId, 91 * 86_400_000);
    const cold = await links(session.sessionId, 'cold');
    expect(cold.map(({ invitation }) => invitation.respondent).sort()).toEqual([
      'organisation',
      'trainee',
      'trainee',
    ]);
    const organisation = cold.find(({ invitation }) => invitation.respondent === 'organisation')!;
    expect(organisation.invitation.userId).toBe(booker.actor.userId);

    const answer = context.get(AnswerSurveyUseCase);
    expect((await context.get(GetSurveyUseCase).execute(organisation.token)).asksPractice).toBe(
      true,
    );
    const missing = await refusal(answer.execute({ ...good, token: organisation.token }));
    expect(missing.fields.map((field) => field.field)).toEqual(['practice']);
    await answer.execute({
      ...good,
      token: organisation.token,
      practice: 4,
      practiceComment: 'Nouvelle procédure en place.',
    });
  });

  it('keeps no name nor address: an anonymised trainee is neither mailed nor named any more', async () => {
    const session = await insertPublishedSession(db);
    await confirmedBooking(session.sessionId, ['Léa', 'Hugo']);
    await endSession(session.sessionId);
    const [first] = await links(session.sessionId, 'hot');
    await db.query(
      `UPDATE booking_attendees SET name = 'Participant anonymisé',
              email = 'anonymised-' || id || '@anonymised.invalid' WHERE id = $1`,
      [first.invitation.attendeeId],
    );
    expect((await context.get(GetSurveyUseCase).execute(first.token)).name).toBeNull();
    const again = await context.get(InviteToSurveyUseCase).execute(session.sessionId, 'hot');
    expect(again.invitations.map((invitation) => invitation.name)).toEqual([
      first.invitation.name === 'Léa' ? 'Hugo' : 'Léa',
    ]);
  });

  it('an answer is a record: the database refuses to change or delete it', async () => {
    const session = await insertPublishedSession(db);
    await confirmedBooking(session.sessionId, ['Léa']);
    await endSession(session.sessionId);
    const [{ invitation, token }] = await links(session.sessionId, 'hot');
    await context.get(AnswerSurveyUseCase).execute({ ...good, token });
    await expect(
      db.query(`UPDATE training_survey_answers SET overall = 1 WHERE invitation_id = $1`, [
        invitation.id,
      ]),
    ).rejects.toThrow();
    await expect(
      db.query(`DELETE FROM training_survey_answers WHERE invitation_id = $1`, [invitation.id]),
    ).rejects.toThrow();
  });

  describe('results', () => {
    let fixture: SessionFixture;

    beforeAll(async () => {
      fixture = await insertPublishedSession(db);
      await confirmedBooking(fixture.sessionId, ['Léa', 'Hugo', 'Inès', 'Jules']);
      await endSession(fixture.sessionId);
      const hot = await links(fixture.sessionId, 'hot');
      const answer = context.get(AnswerSurveyUseCase);
      await answer.execute({ ...good, token: hot[0].token });
      await answer.execute({
        ...good,
        token: hot[1].token,
        overall: 4,
        objectivesMet: 3,
        comment: '  ',
      });
      await answer.execute({ ...good, token: hot[2].token, overall: 3, comment: 'Trop court.' });
    });

    it('gives the averages, the response rate and the comments of a session to its consultant', async () => {
      const consultant = { userId: fixture.consultantId, roles: ['consultant' as const] };
      const results = await context
        .get(GetSurveyResultsUseCase)
        .execute(consultant, { kind: 'session', id: fixture.sessionId });
      expect(results.stages).toEqual([
        {
          stage: 'hot',
          invited: 4,
          answered: 3,
          responseRate: 0.75,
          overall: 4,
          objectivesMet: 3.7,
          content: 4,
          trainer: 5,
          organisation: 3,
          practice: null,
        },
        expect.objectContaining({ stage: 'cold', invited: 0, answered: 0, responseRate: null }),
      ]);
      expect(results.comments.map((comment) => comment.comment).sort()).toEqual([
        'Trop court.',
        'Très concret, merci.',
      ]);
      const byOffering = await context
        .get(GetSurveyResultsUseCase)
        .execute(consultant, { kind: 'offering', id: fixture.offeringId });
      expect(byOffering.stages[0]).toMatchObject({ invited: 4, answered: 3 });
      const own = await context
        .get(GetSurveyResultsUseCase)
        .execute(consultant, { kind: 'consultant', id: fixture.consultantId });
      expect(own.stages[0]).toMatchObject({ invited: 4, answered: 3 });
    });

    it('answers « not found » to another consultant and to a member; admins read all', async () => {
      const results = context.get(GetSurveyResultsUseCase);
      const other = { userId: await insertConsultant(db), roles: ['consultant' as const] };
      const member = { userId: (await insertBooker(db)).actor.userId, roles: [] };
      for (const actor of [other, member]) {
        for (const target of [
          { kind: 'session' as const, id: fixture.sessionId },
          { kind: 'offering' as const, id: fixture.offeringId },
          { kind: 'consultant' as const, id: fixture.consultantId },
        ]) {
          expect((await refusal(results.execute(actor, target))).code).toBe(
            TrainingErrorCode.SurveyResultsNotFound,
          );
        }
      }
      expect((await refusal(results.execute(member, { kind: 'all' }))).code).toBe(
        TrainingErrorCode.SurveyResultsNotFound,
      );
      const otherAll = await results.execute(other, { kind: 'all' });
      expect(otherAll.stages[0].invited).toBe(0);
      const admin = { userId: other.userId, roles: ['admin' as const] };
      const session = await results.execute(admin, { kind: 'session', id: fixture.sessionId });
      expect(session.stages[0].answered).toBe(3);
      const all = await results.execute(admin, { kind: 'all' });
      expect(all.stages[0].answered).toBeGreaterThanOrEqual(3);
    });

    it('exports one CSV row per answer, without any name or e-mail', async () => {
      const consultant = { userId: fixture.consultantId, roles: ['consultant' as const] };
      const file = await context
        .get(GetSurveyResultsUseCase)
        .csv(consultant, { kind: 'session', id: fixture.sessionId });
      const lines = file.content
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines).toHaveLength(4);
      expect(lines[0]).toBe(
        'Formation;Session (début);Questionnaire;Répondant;Répondu le;Appréciation générale;Objectifs atteints;Contenu;Formateur;Organisation;Mise en pratique;Commentaire;Commentaire mise en pratique',
      );
      expect(lines.slice(1).every((line) => line.startsWith('Formation de test;'))).toBe(true);
      expect(file.content).not.toMatch(/@|Léa|Hugo|Inès/);
    });
  });
});
