import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@mutualis/core';
import { BookingModule } from '@mutualis/booking';
import { CatalogueModule } from '@mutualis/catalogue';
import { DocumentsModule } from '@mutualis/documents';
import { IdentityModule } from '@mutualis/identity';
import { InvoicingModule } from '@mutualis/invoicing';
import { trainingEntities } from './entities';
import { CompletionHandlers } from './jobs/completion.handlers';
import { ConvocationHandlers } from './jobs/convocation.handlers';
import { ProgrammeHandlers } from './jobs/programme.handlers';
import { TrainingBookingHandlers } from './jobs/training-booking.handlers';
import { AttendanceRepository } from './repositories/attendance.repository';
import { CompletionFactsRepository } from './repositories/completion-facts.repository';
import { ConventionRepository } from './repositories/convention.repository';
import { HalfDayRepository } from './repositories/half-day.repository';
import { SessionCompletionRepository } from './repositories/session-completion.repository';
import { SurveyRepository } from './repositories/survey.repository';
import { TrainingDocumentRepository } from './repositories/training-document.repository';
import { TrainingSettingsRepository } from './repositories/training-settings.repository';
import { AttendanceLinksService } from './services/attendance-links.service';
import { AttendanceOpeningsService } from './services/attendance-openings.service';
import { BookingAttendanceSync } from './services/booking-attendance-sync';
import { CompletionDocumentsService } from './services/completion-documents.service';
import { ConvocationDocumentsService } from './services/convocation-documents.service';
import { HalfDayContext } from './services/half-day-context';
import { ProgrammeDocumentsService } from './services/programme-documents.service';
import { TrainingSessionAccess } from './services/session-access';
import { SessionAttendanceService } from './services/session-attendance.service';
import { SurveyLinksService } from './services/survey-links.service';
import { SurveyRespondentsService } from './services/survey-respondents.service';
import { TrainingConventionsService } from './services/training-conventions.service';
import { TrainingDocumentAccessService } from './services/training-document-access.service';
import { TrainingDocumentsService } from './services/training-documents.service';
import { TrainingSettingsService } from './services/training-settings.service';
import { AnswerSurveyUseCase } from './use-cases/answer-survey/answer-survey.use-case';
import { CompleteEndedSessionsUseCase } from './use-cases/complete-ended-sessions/complete-ended-sessions.use-case';
import { CompleteSessionUseCase } from './use-cases/complete-session/complete-session.use-case';
import { CountersignHalfDayUseCase } from './use-cases/countersign-half-day/countersign-half-day.use-case';
import { GetProgrammePdfUseCase } from './use-cases/get-programme-pdf/get-programme-pdf.use-case';
import { GetAttendanceSheetUseCase } from './use-cases/get-attendance-sheet/get-attendance-sheet.use-case';
import { GetSigningPageUseCase } from './use-cases/get-signing-page/get-signing-page.use-case';
import { GetSurveyResultsUseCase } from './use-cases/get-survey-results/get-survey-results.use-case';
import { GetSurveyUseCase } from './use-cases/get-survey/get-survey.use-case';
import { GetTrainingDocumentUseCase } from './use-cases/get-training-document/get-training-document.use-case';
import { InviteToSurveyUseCase } from './use-cases/invite-to-survey/invite-to-survey.use-case';
import { IssueConvocationsUseCase } from './use-cases/issue-convocations/issue-convocations.use-case';
import { IssueConventionUseCase } from './use-cases/issue-convention/issue-convention.use-case';
import { ListBookingDocumentsUseCase } from './use-cases/list-booking-documents/list-booking-documents.use-case';
import { ListHalfDaysUseCase } from './use-cases/list-half-days/list-half-days.use-case';
import { RecordAbsenceUseCase } from './use-cases/record-absence/record-absence.use-case';
import { RemindConventionUseCase } from './use-cases/remind-convention/remind-convention.use-case';
import { ReviseConvocationsUseCase } from './use-cases/revise-convocations/revise-convocations.use-case';
import { ScheduleConvocationsUseCase } from './use-cases/schedule-convocations/schedule-convocations.use-case';
import { ScheduleSessionEndUseCase } from './use-cases/schedule-session-end/schedule-session-end.use-case';
import { ScheduleSurveysUseCase } from './use-cases/schedule-surveys/schedule-surveys.use-case';
import { SignAttendanceUseCase } from './use-cases/sign-attendance/sign-attendance.use-case';
import { SignConventionUseCase } from './use-cases/sign-convention/sign-convention.use-case';
import { UpdateTrainingSettingsUseCase } from './use-cases/update-training-settings/update-training-settings.use-case';

/** What other contexts read: documents, settings, attendance. */
const services = [SessionAttendanceService, TrainingDocumentsService, TrainingSettingsService];

/** §1 the programme of a training; §3 its convocations. */
const programme = [
  ProgrammeDocumentsService,
  GetProgrammePdfUseCase,
  ConvocationDocumentsService,
  ScheduleConvocationsUseCase,
  IssueConvocationsUseCase,
  ReviseConvocationsUseCase,
];

/** §2: conventions (contrats) de formation, their signatures and reminders; document access. */
const conventions = [
  TrainingConventionsService,
  TrainingDocumentAccessService,
  GetTrainingDocumentUseCase,
  IssueConventionUseCase,
  ListBookingDocumentsUseCase,
  RemindConventionUseCase,
  SignConventionUseCase,
  UpdateTrainingSettingsUseCase,
];

/** §4 émargement: signing links, half-day marks, countersignatures. */
const attendance = [
  AttendanceLinksService,
  AttendanceOpeningsService,
  GetSigningPageUseCase,
  SignAttendanceUseCase,
  ListHalfDaysUseCase,
  RecordAbsenceUseCase,
  CountersignHalfDayUseCase,
];

/** §5 after the session: the attendance sheet, attestations and certificates. */
const completion = [
  CompletionDocumentsService,
  CompleteEndedSessionsUseCase,
  CompleteSessionUseCase,
  GetAttendanceSheetUseCase,
  ScheduleSessionEndUseCase,
];

/** §6 satisfaction: hot and cold surveys, their links and results. */
const surveys = [
  SurveyLinksService,
  SurveyRespondentsService,
  ScheduleSurveysUseCase,
  InviteToSurveyUseCase,
  GetSurveyUseCase,
  AnswerSurveyUseCase,
  GetSurveyResultsUseCase,
];

const exported = [
  ...services,
  ...programme,
  ...conventions,
  ...attendance,
  ...completion,
  ...surveys,
];

/**
 * The Chambre as a training body: what a training offering states, conventions, convocations,
 * attendance signed per half-day, attestations and certificates, satisfaction surveys.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(trainingEntities),
    AuditModule,
    DocumentsModule,
    IdentityModule,
    CatalogueModule,
    BookingModule,
    InvoicingModule,
  ],
  providers: [
    AttendanceRepository,
    CompletionFactsRepository,
    ConventionRepository,
    HalfDayRepository,
    SessionCompletionRepository,
    SurveyRepository,
    TrainingDocumentRepository,
    TrainingSettingsRepository,
    BookingAttendanceSync,
    HalfDayContext,
    TrainingSessionAccess,
    TrainingBookingHandlers,
    CompletionHandlers,
    ConvocationHandlers,
    ProgrammeHandlers,
    ...exported,
  ],
  exports: [DocumentsModule, ...exported],
})
export class TrainingModule {}
