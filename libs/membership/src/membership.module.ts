import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule, QueueName } from '@mutualis/core';
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
import { MembershipPersonalDataRepository } from './repositories/membership-personal-data.repository';
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
import { CampaignHandlers } from './jobs/campaign.handlers';
import { CampaignRepository } from './repositories/campaign.repository';
import { CancellationRepository } from './repositories/cancellation.repository';
import { RenewalTermsRepository } from './repositories/renewal-terms.repository';
import { CampaignBatches } from './services/campaign-batches';
import { RenewalRemindersService } from './services/renewal-reminders.service';
import { CancelMembershipUseCase } from './use-cases/cancel-membership/cancel-membership.use-case';
import { GetCampaignUseCase } from './use-cases/get-campaign/get-campaign.use-case';
import { IssueRenewalInvoiceUseCase } from './use-cases/issue-renewal-invoice/issue-renewal-invoice.use-case';
import { LapseUnpaidMembershipsUseCase } from './use-cases/lapse-unpaid-memberships/lapse-unpaid-memberships.use-case';
import { LaunchCampaignUseCase } from './use-cases/launch-campaign/launch-campaign.use-case';
import { ListMembersUseCase } from './use-cases/list-members/list-members.use-case';
import { RetryCampaignUseCase } from './use-cases/retry-campaign/retry-campaign.use-case';
import { MemberImportHandlers } from './jobs/member-import.handlers';
import { MemberImportRepository } from './repositories/member-import.repository';
import { GetMemberImportUseCase } from './use-cases/get-member-import/get-member-import.use-case';
import { PreviewMemberImportUseCase } from './use-cases/preview-member-import/preview-member-import.use-case';
import { RunMemberImportUseCase } from './use-cases/run-member-import/run-member-import.use-case';
import { StartMemberImportUseCase } from './use-cases/start-member-import/start-member-import.use-case';

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

/** The renewal campaign, lapses, cancellations and the roll of members (the campaign's part). */
const campaignUseCases = [
  CancelMembershipUseCase,
  GetCampaignUseCase,
  IssueRenewalInvoiceUseCase,
  LapseUnpaidMembershipsUseCase,
  LaunchCampaignUseCase,
  ListMembersUseCase,
  RetryCampaignUseCase,
];

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
    BullModule.registerQueue({ name: QueueName.Membership }),
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
    MembershipPersonalDataRepository,
    FeeCalculator,
    MembershipFactsService,
    MembershipHandlers,
    MemberImportRepository,
    MemberImportHandlers,
    ...useCases,
    CampaignRepository,
    CancellationRepository,
    RenewalTermsRepository,
    CampaignBatches,
    CampaignHandlers,
    RenewalRemindersService,
    ...campaignUseCases,
    ...memberImport,
  ],
  exports: [
    FeeCalculator,
    MembershipPersonalDataRepository,
    ChambreScopeRepository,
    FeeScheduleRepository,
    MembershipFactsService,
    RenewalRemindersService,
    ...useCases,
    ...campaignUseCases,
    ...memberImport,
  ],
})
export class MembershipModule {}
