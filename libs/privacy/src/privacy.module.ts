import { Module } from '@nestjs/common';
import { BookingModule } from '@mutualis/booking';
import { CatalogueModule } from '@mutualis/catalogue';
import { AuditModule, CorePersonalDataRepository } from '@mutualis/core';
import { IdentityModule } from '@mutualis/identity';
import { MembershipModule } from '@mutualis/membership';
import { NotificationsModule } from '@mutualis/notifications';
import { PaymentsModule } from '@mutualis/payments';
import { ErasePersonalDataUseCase } from './use-cases/erase-personal-data/erase-personal-data.use-case';
import { ExportPersonalDataUseCase } from './use-cases/export-personal-data/export-personal-data.use-case';
import { PurgeExpiredPersonalDataUseCase } from './use-cases/purge-expired-personal-data/purge-expired-personal-data.use-case';
import { PrivacyHandlers } from './jobs/privacy.handlers';

const useCases = [
  ErasePersonalDataUseCase,
  ExportPersonalDataUseCase,
  PurgeExpiredPersonalDataUseCase,
];

/**
 * Personal data (GDPR): export, erasure and retention, assembled from each context's own
 * personal-data service. It owns no table.
 */
@Module({
  imports: [
    AuditModule,
    IdentityModule,
    CatalogueModule,
    BookingModule,
    NotificationsModule,
    PaymentsModule,
    MembershipModule,
  ],
  providers: [PrivacyHandlers, CorePersonalDataRepository, ...useCases],
  exports: [...useCases],
})
export class PrivacyModule {}
