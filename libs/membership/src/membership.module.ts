import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@mutualis/core';
import { IdentityModule } from '@mutualis/identity';
import { InvoicingModule } from '@mutualis/invoicing';
import { PaymentsModule } from '@mutualis/payments';
import { membershipEntities } from './entities';
import { ChambreScopeRepository } from './repositories/chambre-scope.repository';
import { FeeOverrideRepository } from './repositories/fee-override.repository';
import { FeeScheduleRepository } from './repositories/fee-schedule.repository';
import { MembershipProfileRepository } from './repositories/membership-profile.repository';
import { FeeCalculator } from './services/fee-calculator';
import { MemberImportHandlers } from './jobs/member-import.handlers';
import { MemberImportRepository } from './repositories/member-import.repository';
import { GetMemberImportUseCase } from './use-cases/get-member-import/get-member-import.use-case';
import { PreviewMemberImportUseCase } from './use-cases/preview-member-import/preview-member-import.use-case';
import { RunMemberImportUseCase } from './use-cases/run-member-import/run-member-import.use-case';
import { StartMemberImportUseCase } from './use-cases/start-member-import/start-member-import.use-case';

/** Importing a Chambre's existing members from its spreadsheet. */
const memberImport = [
  PreviewMemberImportUseCase,
  StartMemberImportUseCase,
  RunMemberImportUseCase,
  GetMemberImportUseCase,
];

/**
 * Membership (adhésion) as a billed process: the fee grid, applications and their decisions,
 * membership invoices, the yearly renewal campaign, imports and certificates. Identity keeps the
 * yearly status that pricing reads; this context decides it.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(membershipEntities),
    IdentityModule,
    InvoicingModule,
    PaymentsModule,
    AuditModule,
  ],
  providers: [
    ChambreScopeRepository,
    FeeScheduleRepository,
    FeeOverrideRepository,
    MembershipProfileRepository,
    FeeCalculator,
    MemberImportRepository,
    MemberImportHandlers,
    ...memberImport,
  ],
  exports: [FeeCalculator, ChambreScopeRepository, ...memberImport],
})
export class MembershipModule {}
