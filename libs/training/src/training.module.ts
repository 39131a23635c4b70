import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@mutualis/core';
import { BookingModule } from '@mutualis/booking';
import { CatalogueModule } from '@mutualis/catalogue';
import { DocumentsModule } from '@mutualis/documents';
import { IdentityModule } from '@mutualis/identity';
import { InvoicingModule } from '@mutualis/invoicing';
import { trainingEntities } from './entities';
import { SurveyHandlers } from './jobs/survey.handlers';
import { HalfDayRepository } from './repositories/half-day.repository';
import { SurveyRepository } from './repositories/survey.repository';
import { TrainingDocumentRepository } from './repositories/training-document.repository';
import { TrainingSettingsRepository } from './repositories/training-settings.repository';
import { SessionAttendanceService } from './services/session-attendance.service';
import { TrainingDocumentsService } from './services/training-documents.service';
import { SurveyLinksService } from './services/survey-links.service';
import { SurveyRespondentsService } from './services/survey-respondents.service';
import { TrainingSettingsService } from './services/training-settings.service';
import { AnswerSurveyUseCase } from './use-cases/answer-survey/answer-survey.use-case';
import { GetSurveyUseCase } from './use-cases/get-survey/get-survey.use-case';
import { GetSurveyResultsUseCase } from './use-cases/get-survey-results/get-survey-results.use-case';
import { InviteToSurveyUseCase } from './use-cases/invite-to-survey/invite-to-survey.use-case';
import { ScheduleSurveysUseCase } from './use-cases/schedule-surveys/schedule-surveys.use-case';

const services = [
  SessionAttendanceService,
  TrainingDocumentsService,
  TrainingSettingsService,
  SurveyLinksService,
  SurveyRespondentsService,
];

const surveyUseCases = [
  ScheduleSurveysUseCase,
  InviteToSurveyUseCase,
  GetSurveyUseCase,
  AnswerSurveyUseCase,
  GetSurveyResultsUseCase,
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
    HalfDayRepository,
    TrainingDocumentRepository,
    TrainingSettingsRepository,
    SurveyRepository,
    ...services,
    ...surveyUseCases,
    SurveyHandlers,
  ],
  exports: [DocumentsModule, ...services, ...surveyUseCases],
})
export class TrainingModule {}
