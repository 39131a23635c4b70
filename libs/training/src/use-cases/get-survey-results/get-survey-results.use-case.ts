import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { CatalogueFactsService } from '@mutualis/catalogue';
import { toSpreadsheetCsv } from '@mutualis/core';
import { Actor, hasRole } from '@mutualis/identity';
import { SURVEY_STAGES, SurveyRespondent, SurveyStage } from '../../domain/surveys';
import {
  SurveyAnswerRow,
  SurveyRepository,
  SurveyScope,
  SurveyStageTotals,
} from '../../repositories/survey.repository';
import { TrainingErrorCode, TrainingException } from '../../training.exception';

/** Whose results: one session's, one offering's, one consultant's, or (admins) all. */
export type SurveyResultsTarget =
  | { kind: 'session'; id: string }
  | { kind: 'offering'; id: string }
  | { kind: 'consultant'; id: string }
  | { kind: 'all' };

export interface SurveyStageResults extends SurveyStageTotals {
  /** answered / invited, 0 to 1 (3 decimals); null when nobody was invited. */
  responseRate: number | null;
}

export interface SurveyCommentView {
  sessionId: string;
  stage: SurveyStage;
  respondent: SurveyRespondent;
  answeredAt: Date;
  comment: string | null;
  practiceComment: string | null;
}

export interface SurveyResultsView {
  scope: SurveyResultsTarget['kind'];
  /** The session's, offering's or consultant's id; null for all. */
  id: string | null;
  /** Always both stages, hot then cold (zeroes when none was sent). */
  stages: SurveyStageResults[];
  /** The free comments, newest first, without the respondent's name. */
  comments: SurveyCommentView[];
}

export interface SurveyResultsCsv {
  fileName: string;
  contentType: string;
  content: string;
}

const PARIS = 'Europe/Paris';

function notFound(): TrainingException {
  return new TrainingException(
    TrainingErrorCode.SurveyResultsNotFound,
    'no survey results to show here',
  );
}

function emptyStage(stage: SurveyStage): SurveyStageTotals {
  return {
    stage,
    invited: 0,
    answered: 0,
    overall: null,
    objectivesMet: null,
    content: null,
    trainer: null,
    organisation: null,
    practice: null,
  };
}

/**
 * Satisfaction results (Qualiopi indicator 30): averages per question, response rate and
 * comments. A consultant reads those of their own sessions and offerings only; the Chambre's
 * admins read all. Anyone else, or another consultant's, is « not found ».
 */
@Injectable()
export class GetSurveyResultsUseCase {
  constructor(
    private readonly surveys: SurveyRepository,
    private readonly catalogue: CatalogueFactsService,
  ) {}

  async execute(actor: Actor, target: SurveyResultsTarget): Promise<SurveyResultsView> {
    const scope = await this.scopeOf(actor, target);
    const [totals, answers] = await Promise.all([
      this.surveys.totals(scope),
      this.surveys.answers(scope),
    ]);
    const byStage = new Map(totals.map((total) => [total.stage, total]));
    return {
      scope: target.kind,
      id: target.kind === 'all' ? null : target.id,
      stages: SURVEY_STAGES.map((stage) => {
        const total = byStage.get(stage) ?? emptyStage(stage);
        return {
          ...total,
          responseRate:
            total.invited === 0 ? null : Math.round((total.answered / total.invited) * 1000) / 1000,
        };
      }),
      comments: answers
        .filter((answer) => answer.comment || answer.practiceComment)
        .map((answer) => ({
          sessionId: answer.sessionId,
          stage: answer.stage,
          respondent: answer.respondent,
          answeredAt: answer.answeredAt,
          comment: answer.comment,
          practiceComment: answer.practiceComment,
        })),
    };
  }

  /** One row per answer, for a spreadsheet (`;`): no name nor e-mail of the respondent. */
  async csv(actor: Actor, target: SurveyResultsTarget): Promise<SurveyResultsCsv> {
    const scope = await this.scopeOf(actor, target);
    const answers = await this.surveys.answers(scope);
    const sessions = await this.sessionsOf(answers);
    const rows = [
      [
        'Formation',
        'Session (début)',
        'Questionnaire',
        'Répondant',
        'Répondu le',
        'Appréciation générale',
        'Objectifs atteints',
        'Contenu',
        'Formateur',
        'Organisation',
        'Mise en pratique',
        'Commentaire',
        'Commentaire mise en pratique',
      ],
      ...answers.map((answer) => {
        const session = sessions.get(answer.sessionId);
        return [
          session?.offeringTitle ?? '',
          session ? paris(session.startsAt) : '',
          answer.stage === 'hot' ? 'à chaud' : 'à froid',
          answer.respondent === 'trainee' ? 'stagiaire' : 'organisation',
          paris(answer.answeredAt),
          String(answer.overall),
          String(answer.objectivesMet),
          String(answer.content),
          String(answer.trainer),
          String(answer.organisation),
          answer.practice === null ? '' : String(answer.practice),
          answer.comment ?? '',
          answer.practiceComment ?? '',
        ];
      }),
    ];
    const suffix = target.kind === 'all' ? 'toutes' : `${target.kind}-${target.id}`;
    return {
      fileName: `satisfaction-${suffix}.csv`,
      contentType: 'text/csv; charset=utf-8',
      content: toSpreadsheetCsv(rows),
    };
  }

  private async scopeOf(actor: Actor, target: SurveyResultsTarget): Promise<SurveyScope> {
    const admin = hasRole(actor, 'admin');
    switch (target.kind) {
      case 'all':
        if (admin) return {};
        if (hasRole(actor, 'consultant')) return { consultantId: actor.userId };
        throw notFound();
      case 'consultant':
        if (admin || target.id === actor.userId) return { consultantId: target.id };
        throw notFound();
      case 'session': {
        const session = await this.catalogue.session(target.id);
        if (!session || !(admin || session.consultantId === actor.userId)) throw notFound();
        return { sessionId: target.id };
      }
      case 'offering': {
        const offering = await this.catalogue.offering(target.id);
        if (!offering || !(admin || offering.consultantId === actor.userId)) throw notFound();
        return { offeringId: target.id };
      }
    }
  }

  private async sessionsOf(answers: SurveyAnswerRow[]) {
    const ids = [...new Set(answers.map((answer) => answer.sessionId))];
    const sessions = await Promise.all(ids.map((id) => this.catalogue.session(id)));
    return new Map(sessions.flatMap((session) => (session ? [[session.sessionId, session]] : [])));
  }
}

function paris(at: Date): string {
  return DateTime.fromJSDate(at, { zone: PARIS }).toFormat('yyyy-MM-dd HH:mm');
}
