import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule, QueueName } from '@mutualis/core';
import { IdentityModule } from '@mutualis/identity';
import { InvoicingModule } from '@mutualis/invoicing';
import { PaymentsModule } from '@mutualis/payments';
import { membershipEntities } from './entities';
import { ChambreScopeRepository } from './repositories/chambre-scope.repository';
import { FeeOverrideRepository } from './repositories/fee-override.repository';
import { FeeScheduleRepository } from './repositories/fee-schedule.repository';
import { MembershipProfileRepository } from './repositories/membership-profile.repository';
import { FeeCalculator } from './services/fee-calculator';
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
    FeeScheduleRepository,
    FeeOverrideRepository,
    MembershipProfileRepository,
    FeeCalculator,
    CampaignRepository,
    CancellationRepository,
    RenewalTermsRepository,
    CampaignBatches,
    CampaignHandlers,
    RenewalRemindersService,
    ...campaignUseCases,
  ],
  exports: [FeeCalculator, ChambreScopeRepository, RenewalRemindersService, ...campaignUseCases],
})
export class MembershipModule {}
