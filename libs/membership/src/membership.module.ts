import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@mutualis/core';
import { IdentityModule } from '@mutualis/identity';
import { InvoicingModule } from '@mutualis/invoicing';
import { PaymentsModule } from '@mutualis/payments';
import { membershipEntities } from './entities';
import { MembershipHandlers } from './jobs/membership.handlers';
import { ChambreScopeRepository } from './repositories/chambre-scope.repository';
import { CharterRepository } from './repositories/charter.repository';
import { FeeOverrideRepository } from './repositories/fee-override.repository';
import { FeeScheduleRepository } from './repositories/fee-schedule.repository';
import { MembershipApplicationRepository } from './repositories/membership-application.repository';
import { MembershipProfileRepository } from './repositories/membership-profile.repository';
import { FeeCalculator } from './services/fee-calculator';
import { MembershipFactsService } from './services/membership-facts.service';
import { ApproveApplicationUseCase } from './use-cases/approve-application/approve-application.use-case';
import { GetCurrentCharterUseCase } from './use-cases/get-current-charter/get-current-charter.use-case';
import { GetFeeScheduleUseCase } from './use-cases/get-fee-schedule/get-fee-schedule.use-case';
import { GetMembershipCertificateUseCase } from './use-cases/get-membership-certificate/get-membership-certificate.use-case';
import { ListApplicationsUseCase } from './use-cases/list-applications/list-applications.use-case';
import { ListMembershipYearsUseCase } from './use-cases/list-membership-years/list-membership-years.use-case';
import { PublishCharterUseCase } from './use-cases/publish-charter/publish-charter.use-case';
import { RefuseApplicationUseCase } from './use-cases/refuse-application/refuse-application.use-case';
import { SetFeeOverrideUseCase } from './use-cases/set-fee-override/set-fee-override.use-case';
import { SetFeeScheduleUseCase } from './use-cases/set-fee-schedule/set-fee-schedule.use-case';
import { SettleMembershipUseCase } from './use-cases/settle-membership/settle-membership.use-case';
import { SubmitApplicationUseCase } from './use-cases/submit-application/submit-application.use-case';

const useCases = [
  ApproveApplicationUseCase,
  GetCurrentCharterUseCase,
  GetFeeScheduleUseCase,
  GetMembershipCertificateUseCase,
  ListApplicationsUseCase,
  ListMembershipYearsUseCase,
  PublishCharterUseCase,
  RefuseApplicationUseCase,
  SetFeeOverrideUseCase,
  SetFeeScheduleUseCase,
  SettleMembershipUseCase,
  SubmitApplicationUseCase,
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
    CharterRepository,
    FeeScheduleRepository,
    FeeOverrideRepository,
    MembershipApplicationRepository,
    MembershipProfileRepository,
    FeeCalculator,
    MembershipFactsService,
    MembershipHandlers,
    ...useCases,
  ],
  exports: [
    FeeCalculator,
    ChambreScopeRepository,
    FeeScheduleRepository,
    MembershipFactsService,
    ...useCases,
  ],
})
export class MembershipModule {}
