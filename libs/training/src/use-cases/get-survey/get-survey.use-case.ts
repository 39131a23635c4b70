import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CatalogueFactsService } from '@mutualis/catalogue';
import {
  hashSurveyToken,
  isWellFormedSurveyToken,
  SurveyRespondent,
  SurveyStage,
} from '../../domain/surveys';
import { SurveyInvitationRow, SurveyRepository } from '../../repositories/survey.repository';
import { SurveyRespondentsService } from '../../services/survey-respondents.service';
import { TrainingErrorCode, TrainingException } from '../../training.exception';

/** What the public survey page shows: no account, the link is the key. */
export interface SurveyView {
  stage: SurveyStage;
  respondent: SurveyRespondent;
  /** The trainee's name, or the organisation contact's; null once erased. */
  name: string | null;
  offeringTitle: string;
  sessionStartsAt: Date;
  sessionEndsAt: Date;
  location: string | null;
  closesAt: Date;
  /** Already answered: the page thanks instead of asking. */
  answeredAt: Date | null;
  /** Whether the form asks what was put into practice (the cold survey). */
  asksPractice: boolean;
}

export function surveyLinkInvalid(): TrainingException {
  return new TrainingException(
    TrainingErrorCode.SurveyLinkInvalid,
    'this survey link is not valid (it may have been replaced by a newer e-mail)',
  );
}

/** The invitation a link opens, or the same « invalid link » for anything else. */
export async function invitationOfToken(
  surveys: SurveyRepository,
  token: string,
  manager?: EntityManager,
  lock = false,
): Promise<SurveyInvitationRow> {
  if (!isWellFormedSurveyToken(token)) throw surveyLinkInvalid();
  const invitation = await surveys.findByTokenHash(hashSurveyToken(token), manager, lock);
  if (!invitation) throw surveyLinkInvalid();
  return invitation;
}

@Injectable()
export class GetSurveyUseCase {
  constructor(
    private readonly surveys: SurveyRepository,
    private readonly catalogue: CatalogueFactsService,
    private readonly respondents: SurveyRespondentsService,
  ) {}

  async execute(token: string): Promise<SurveyView> {
    const invitation = await invitationOfToken(this.surveys, token);
    const session = await this.catalogue.session(invitation.sessionId);
    if (!session) throw surveyLinkInvalid();
    const respondent = (await this.respondents.of(invitation.sessionId, [invitation])).get(
      invitation.id,
    );
    return {
      stage: invitation.stage,
      respondent: invitation.respondent,
      // Null once the person was erased or anonymised (the page greets nobody by name).
      name: respondent?.name ?? null,
      offeringTitle: session.offeringTitle,
      sessionStartsAt: session.startsAt,
      sessionEndsAt: session.endsAt,
      location: session.location,
      closesAt: invitation.closesAt,
      answeredAt: invitation.answeredAt,
      asksPractice: invitation.stage === 'cold',
    };
  }
}
