import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SurveyRespondent, SurveyStage } from '../domain/surveys';

export interface SurveyInvitationRow {
  id: string;
  sessionId: string;
  offeringId: string;
  consultantId: string;
  stage: SurveyStage;
  respondent: SurveyRespondent;
  bookingId: string;
  organisationId: string;
  attendeeId: string | null;
  userId: string | null;
  closesAt: Date;
  answeredAt: Date | null;
}

export type NewSurveyInvitation = Omit<SurveyInvitationRow, 'id' | 'answeredAt'>;

export interface SurveyAnswerValues {
  overall: number;
  objectivesMet: number;
  content: number;
  trainer: number;
  organisation: number;
  comment: string | null;
  practice: number | null;
  practiceComment: string | null;
}

/** Which answers a result covers: one session, one offering, one consultant's, or all. */
export type SurveyScope =
  { sessionId: string } | { offeringId: string } | { consultantId: string } | Record<string, never>;

export interface SurveyStageTotals {
  stage: SurveyStage;
  invited: number;
  answered: number;
  overall: number | null;
  objectivesMet: number | null;
  content: number | null;
  trainer: number | null;
  organisation: number | null;
  practice: number | null;
}

export interface SurveyAnswerRow extends SurveyAnswerValues {
  sessionId: string;
  offeringId: string;
  stage: SurveyStage;
  respondent: SurveyRespondent;
  answeredAt: Date;
}

interface InvitationDbRow {
  id: string;
  session_id: string;
  offering_id: string;
  consultant_id: string;
  stage: SurveyStage;
  respondent: SurveyRespondent;
  booking_id: string;
  organisation_id: string;
  attendee_id: string | null;
  user_id: string | null;
  closes_at: Date;
  answered_at: Date | null;
}

const INVITATION_COLUMNS = `i.id, i.session_id, i.offering_id, i.consultant_id, i.stage, i.respondent,
  i.booking_id, i.organisation_id, i.attendee_id, i.user_id, i.closes_at,
  a.answered_at`;

function invitationOf(row: InvitationDbRow): SurveyInvitationRow {
  return {
    id: row.id,
    sessionId: row.session_id,
    offeringId: row.offering_id,
    consultantId: row.consultant_id,
    stage: row.stage,
    respondent: row.respondent,
    bookingId: row.booking_id,
    organisationId: row.organisation_id,
    attendeeId: row.attendee_id,
    userId: row.user_id,
    closesAt: row.closes_at,
    answeredAt: row.answered_at,
  };
}

/** Averages come back from PostgreSQL as numeric strings: one decimal, or null without answers. */
function average(value: string | null): number | null {
  return value === null ? null : Math.round(Number(value) * 10) / 10;
}

function scopeFilter(scope: SurveyScope): { where: string; params: string[] } {
  if ('sessionId' in scope) return { where: 'i.session_id = $1', params: [scope.sessionId] };
  if ('offeringId' in scope) return { where: 'i.offering_id = $1', params: [scope.offeringId] };
  if ('consultantId' in scope)
    return { where: 'i.consultant_id = $1', params: [scope.consultantId] };
  return { where: 'true', params: [] };
}

@Injectable()
export class SurveyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records when a session's survey stage is due. True when that is new or a different time
   * (the session moved): only then is a SurveyDue event written.
   */
  async scheduleDue(
    sessionId: string,
    stage: SurveyStage,
    dueAt: Date,
    manager: EntityManager,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO training_survey_schedules (session_id, stage, due_at) VALUES ($1, $2, $3)
       ON CONFLICT (session_id, stage) DO UPDATE SET due_at = EXCLUDED.due_at
         WHERE training_survey_schedules.due_at IS DISTINCT FROM EXCLUDED.due_at
       RETURNING session_id`,
      [sessionId, stage, dueAt],
    );
    return rows.length > 0;
  }

  /** Invites each person not invited yet to this session's stage (the unique keys skip the others). */
  async invite(invitations: NewSurveyInvitation[], manager: EntityManager): Promise<void> {
    for (const invitation of invitations) {
      await manager.query(
        `INSERT INTO training_survey_invitations
           (session_id, offering_id, consultant_id, stage, respondent, booking_id, organisation_id,
            attendee_id, user_id, closes_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT DO NOTHING`,
        [
          invitation.sessionId,
          invitation.offeringId,
          invitation.consultantId,
          invitation.stage,
          invitation.respondent,
          invitation.bookingId,
          invitation.organisationId,
          invitation.attendeeId,
          invitation.userId,
          invitation.closesAt,
        ],
      );
    }
  }

  /** A session's invitations to one stage, answered or not. */
  async invitationsOf(
    sessionId: string,
    stage: SurveyStage,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SurveyInvitationRow[]> {
    const rows: InvitationDbRow[] = await manager.query(
      `SELECT ${INVITATION_COLUMNS}
         FROM training_survey_invitations i
         LEFT JOIN training_survey_answers a ON a.invitation_id = i.id
        WHERE i.session_id = $1 AND i.stage = $2
        ORDER BY i.created_at, i.id`,
      [sessionId, stage],
    );
    return rows.map(invitationOf);
  }

  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SurveyInvitationRow | null> {
    const rows: InvitationDbRow[] = await manager.query(
      `SELECT ${INVITATION_COLUMNS}
         FROM training_survey_invitations i
         LEFT JOIN training_survey_answers a ON a.invitation_id = i.id
        WHERE i.id = $1`,
      [id],
    );
    return rows[0] ? invitationOf(rows[0]) : null;
  }

  /** The invitation a link's secret opens, locked when a manager in a transaction asks. */
  async findByTokenHash(
    hash: Buffer,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<SurveyInvitationRow | null> {
    const rows: InvitationDbRow[] = await manager.query(
      `SELECT ${INVITATION_COLUMNS}
         FROM training_survey_invitations i
         LEFT JOIN training_survey_answers a ON a.invitation_id = i.id
        WHERE i.token_hash = $1
        ${lock ? 'FOR UPDATE OF i' : ''}`,
      [hash],
    );
    return rows[0] ? invitationOf(rows[0]) : null;
  }

  /**
   * Gives an open, unanswered invitation a new link secret (its hash): the link sent before
   * stops working. False when there is nothing to ask any more.
   */
  async replaceTokenHash(id: string, hash: Buffer, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `UPDATE training_survey_invitations i SET token_hash = $2
        WHERE i.id = $1 AND i.closes_at > now()
          AND NOT EXISTS (SELECT 1 FROM training_survey_answers a WHERE a.invitation_id = i.id)
       RETURNING i.id`,
      [id, hash],
    );
    // UPDATE … RETURNING comes back from the driver as [rows, count].
    const returned = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
    return returned.length > 0;
  }

  /** Stores an answer; a second one for the same invitation fails on the primary key. */
  async insertAnswer(
    invitation: Pick<SurveyInvitationRow, 'id' | 'stage'>,
    values: SurveyAnswerValues,
    manager: EntityManager,
  ): Promise<Date> {
    const [row]: { answered_at: Date }[] = await manager.query(
      `INSERT INTO training_survey_answers
         (invitation_id, stage, overall, objectives_met, content, trainer, organisation, comment,
          practice, practice_comment)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING answered_at`,
      [
        invitation.id,
        invitation.stage,
        values.overall,
        values.objectivesMet,
        values.content,
        values.trainer,
        values.organisation,
        values.comment,
        values.practice,
        values.practiceComment,
      ],
    );
    return row.answered_at;
  }

  /** Invited, answered and the average of each score, per stage, over a scope. */
  async totals(scope: SurveyScope): Promise<SurveyStageTotals[]> {
    const { where, params } = scopeFilter(scope);
    const rows: {
      stage: SurveyStage;
      invited: string;
      answered: string;
      overall: string | null;
      objectives_met: string | null;
      content: string | null;
      trainer: string | null;
      organisation: string | null;
      practice: string | null;
    }[] = await this.dataSource.query(
      `SELECT i.stage, count(*) AS invited, count(a.invitation_id) AS answered,
              avg(a.overall) AS overall, avg(a.objectives_met) AS objectives_met,
              avg(a.content) AS content, avg(a.trainer) AS trainer,
              avg(a.organisation) AS organisation, avg(a.practice) AS practice
         FROM training_survey_invitations i
         LEFT JOIN training_survey_answers a ON a.invitation_id = i.id
        WHERE ${where}
        GROUP BY i.stage`,
      params,
    );
    return rows.map((row) => ({
      stage: row.stage,
      invited: Number(row.invited),
      answered: Number(row.answered),
      overall: average(row.overall),
      objectivesMet: average(row.objectives_met),
      content: average(row.content),
      trainer: average(row.trainer),
      organisation: average(row.organisation),
      practice: average(row.practice),
    }));
  }

  /** Every answer in a scope, newest first: no name nor e-mail (respondents speak freely). */
  async answers(scope: SurveyScope): Promise<SurveyAnswerRow[]> {
    const { where, params } = scopeFilter(scope);
    const rows: {
      session_id: string;
      offering_id: string;
      stage: SurveyStage;
      respondent: SurveyRespondent;
      answered_at: Date;
      overall: number;
      objectives_met: number;
      content: number;
      trainer: number;
      organisation: number;
      comment: string | null;
      practice: number | null;
      practice_comment: string | null;
    }[] = await this.dataSource.query(
      `SELECT i.session_id, i.offering_id, a.stage, i.respondent, a.answered_at, a.overall,
              a.objectives_met, a.content, a.trainer, a.organisation, a.comment, a.practice,
              a.practice_comment
         FROM training_survey_answers a
         JOIN training_survey_invitations i ON i.id = a.invitation_id
        WHERE ${where}
        ORDER BY a.answered_at DESC, a.invitation_id`,
      params,
    );
    return rows.map((row) => ({
      sessionId: row.session_id,
      offeringId: row.offering_id,
      stage: row.stage,
      respondent: row.respondent,
      answeredAt: row.answered_at,
      overall: row.overall,
      objectivesMet: row.objectives_met,
      content: row.content,
      trainer: row.trainer,
      organisation: row.organisation,
      comment: row.comment,
      practice: row.practice,
      practiceComment: row.practice_comment,
    }));
  }
}
