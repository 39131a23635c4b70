export * from './domain/half-days';
export * from './domain/signature-image';
export * from './domain/signing-link';
export * from './domain/surveys';
export * from './entities';
export * from './migrations';
export type { StoredConvention } from './repositories/convention.repository';
export type {
  SurveyAnswerRow,
  SurveyInvitationRow,
  SurveyScope,
  SurveyStageTotals,
} from './repositories/survey.repository';
export * from './services/attendance-links.service';
export * from './services/attendance-openings.service';
export * from './services/completion-documents.service';
export * from './services/convocation-documents.service';
export * from './services/programme-documents.service';
export * from './services/session-attendance.service';
export * from './services/survey-links.service';
export * from './services/survey-respondents.service';
export * from './services/training-conventions.service';
export * from './services/training-document-access.service';
export * from './services/training-documents.service';
export * from './services/training-settings.service';
export * from './training.events';
export * from './training.exception';
export * from './training.module';
export * from './training.types';
export * from './use-cases/answer-survey/answer-survey.use-case';
export * from './use-cases/complete-ended-sessions/complete-ended-sessions.use-case';
export * from './use-cases/complete-session/complete-session.use-case';
export * from './use-cases/countersign-half-day/countersign-half-day.use-case';
export * from './use-cases/get-attendance-sheet/get-attendance-sheet.use-case';
export * from './use-cases/get-programme-pdf/get-programme-pdf.use-case';
export * from './use-cases/get-signing-page/get-signing-page.use-case';
export * from './use-cases/get-survey-results/get-survey-results.use-case';
export * from './use-cases/get-survey/get-survey.use-case';
export * from './use-cases/get-training-document/get-training-document.use-case';
export * from './use-cases/invite-to-survey/invite-to-survey.use-case';
export * from './use-cases/issue-convention/issue-convention.use-case';
export * from './use-cases/issue-convocations/issue-convocations.use-case';
export * from './use-cases/list-booking-documents/list-booking-documents.use-case';
export * from './use-cases/list-half-days/list-half-days.use-case';
export * from './use-cases/record-absence/record-absence.use-case';
export * from './use-cases/remind-convention/remind-convention.use-case';
export * from './use-cases/revise-convocations/revise-convocations.use-case';
export * from './use-cases/schedule-convocations/schedule-convocations.use-case';
export * from './use-cases/schedule-session-end/schedule-session-end.use-case';
export * from './use-cases/schedule-surveys/schedule-surveys.use-case';
export * from './use-cases/sign-attendance/sign-attendance.use-case';
export * from './use-cases/sign-convention/sign-convention.use-case';
export * from './use-cases/update-training-settings/update-training-settings.use-case';
export * from './views/training-document.view';
