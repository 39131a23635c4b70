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
import { CompletionFactsRepository } from './repositories/completion-facts.repository';
import { HalfDayRepository } from './repositories/half-day.repository';
import { SessionCompletionRepository } from './repositories/session-completion.repository';
import { TrainingDocumentRepository } from './repositories/training-document.repository';
import { TrainingSettingsRepository } from './repositories/training-settings.repository';
import { CompletionDocumentsService } from './services/completion-documents.service';
import { SessionAttendanceService } from './services/session-attendance.service';
import { TrainingDocumentsService } from './services/training-documents.service';
import { TrainingSettingsService } from './services/training-settings.service';
import { CompleteEndedSessionsUseCase } from './use-cases/complete-ended-sessions/complete-ended-sessions.use-case';
import { CompleteSessionUseCase } from './use-cases/complete-session/complete-session.use-case';
import { GetAttendanceSheetUseCase } from './use-cases/get-attendance-sheet/get-attendance-sheet.use-case';
import { ScheduleSessionEndUseCase } from './use-cases/schedule-session-end/schedule-session-end.use-case';

const services = [SessionAttendanceService, TrainingDocumentsService, TrainingSettingsService];
// After the session (§5): the attendance sheet, attestations and certificates.
const completion = [
  CompletionDocumentsService,
  CompleteEndedSessionsUseCase,
  CompleteSessionUseCase,
  GetAttendanceSheetUseCase,
  ScheduleSessionEndUseCase,
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
    SessionCompletionRepository,
    CompletionFactsRepository,
    CompletionHandlers,
    ...services,
    ...completion,
  ],
  exports: [DocumentsModule, ...services, ...completion],
})
export class TrainingModule {}
