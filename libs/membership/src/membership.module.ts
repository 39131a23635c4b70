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
  ],
  exports: [FeeCalculator, ChambreScopeRepository],
})
export class MembershipModule {}
