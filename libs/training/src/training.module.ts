import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@mutualis/core';
import { BookingModule } from '@mutualis/booking';
import { CatalogueModule } from '@mutualis/catalogue';
import { DocumentsModule } from '@mutualis/documents';
import { IdentityModule } from '@mutualis/identity';
import { InvoicingModule } from '@mutualis/invoicing';
import { trainingEntities } from './entities';
import { HalfDayRepository } from './repositories/half-day.repository';
import { TrainingDocumentRepository } from './repositories/training-document.repository';
import { TrainingSettingsRepository } from './repositories/training-settings.repository';
import { SessionAttendanceService } from './services/session-attendance.service';
import { TrainingDocumentsService } from './services/training-documents.service';
import { TrainingSettingsService } from './services/training-settings.service';
import { ProgrammeDocumentsService } from './services/programme-documents.service';
import { GetProgrammePdfUseCase } from './use-cases/get-programme-pdf/get-programme-pdf.use-case';
import { ProgrammeHandlers } from './jobs/programme.handlers';
import { ConvocationHandlers } from './jobs/convocation.handlers';
import { ConvocationDocumentsService } from './services/convocation-documents.service';
import { IssueConvocationsUseCase } from './use-cases/issue-convocations/issue-convocations.use-case';
import { ReviseConvocationsUseCase } from './use-cases/revise-convocations/revise-convocations.use-case';
import { ScheduleConvocationsUseCase } from './use-cases/schedule-convocations/schedule-convocations.use-case';

const services = [
  SessionAttendanceService,
  TrainingDocumentsService,
  TrainingSettingsService,
  ProgrammeDocumentsService,
  ConvocationDocumentsService,
];
const useCases = [
  GetProgrammePdfUseCase,
  ScheduleConvocationsUseCase,
  IssueConvocationsUseCase,
  ReviseConvocationsUseCase,
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
    ...services,
    ...useCases,
    ProgrammeHandlers,
    ConvocationHandlers,
  ],
  exports: [DocumentsModule, ...services, ...useCases],
})
export class TrainingModule {}
