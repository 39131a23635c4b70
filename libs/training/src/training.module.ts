import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@mutualis/core';
import { BookingModule } from '@mutualis/booking';
import { CatalogueModule } from '@mutualis/catalogue';
import { DocumentsModule } from '@mutualis/documents';
import { IdentityModule } from '@mutualis/identity';
import { InvoicingModule } from '@mutualis/invoicing';
import { trainingEntities } from './entities';
import { TrainingBookingHandlers } from './jobs/training-booking.handlers';
import { ConventionRepository } from './repositories/convention.repository';
import { TrainingConventionsService } from './services/training-conventions.service';
import { TrainingDocumentAccessService } from './services/training-document-access.service';
import { GetTrainingDocumentUseCase } from './use-cases/get-training-document/get-training-document.use-case';
import { IssueConventionUseCase } from './use-cases/issue-convention/issue-convention.use-case';
import { ListBookingDocumentsUseCase } from './use-cases/list-booking-documents/list-booking-documents.use-case';
import { RemindConventionUseCase } from './use-cases/remind-convention/remind-convention.use-case';
import { SignConventionUseCase } from './use-cases/sign-convention/sign-convention.use-case';
import { UpdateTrainingSettingsUseCase } from './use-cases/update-training-settings/update-training-settings.use-case';
import { HalfDayRepository } from './repositories/half-day.repository';
import { TrainingDocumentRepository } from './repositories/training-document.repository';
import { TrainingSettingsRepository } from './repositories/training-settings.repository';
import { SessionAttendanceService } from './services/session-attendance.service';
import { TrainingDocumentsService } from './services/training-documents.service';
import { TrainingSettingsService } from './services/training-settings.service';

const services = [SessionAttendanceService, TrainingDocumentsService, TrainingSettingsService];

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
    ConventionRepository,
    TrainingBookingHandlers,
    ...services,
    ...conventions,
  ],
  exports: [DocumentsModule, ...services, ...conventions],
})
export class TrainingModule {}
