export * from './domain/half-days';
export * from './domain/surveys';
export * from './entities';
export * from './migrations';
export * from './services/session-attendance.service';
export * from './services/survey-links.service';
export * from './services/survey-respondents.service';
export * from './use-cases/answer-survey/answer-survey.use-case';
export * from './use-cases/get-survey/get-survey.use-case';
export * from './use-cases/get-survey-results/get-survey-results.use-case';
export * from './use-cases/invite-to-survey/invite-to-survey.use-case';
export * from './use-cases/schedule-surveys/schedule-surveys.use-case';
export type {
  SurveyAnswerRow,
  SurveyInvitationRow,
  SurveyScope,
  SurveyStageTotals,
} from './repositories/survey.repository';
export * from './services/training-documents.service';
export * from './services/training-settings.service';
export * from './training.events';
export * from './training.module';
export * from './training.types';
export * from './training.exception';
