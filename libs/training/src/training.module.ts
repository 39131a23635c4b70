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

const services = [
  SessionAttendanceService,
  TrainingDocumentsService,
  TrainingSettingsService,
  ProgrammeDocumentsService,
];
const useCases = [GetProgrammePdfUseCase];

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
  ],
  exports: [DocumentsModule, ...services, ...useCases],
})
export class TrainingModule {}
