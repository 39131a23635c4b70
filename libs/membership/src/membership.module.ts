import { Module } from '@nestjs/common';
import { AuditModule } from '@mutualis/core';
import { IdentityModule } from '@mutualis/identity';
import { InvoicingModule } from '@mutualis/invoicing';
import { PaymentsModule } from '@mutualis/payments';

/**
 * Membership (adhésion) as a billed process: the fee grid, applications and their decisions,
 * membership invoices, the yearly renewal campaign, imports and certificates. Identity keeps the
 * yearly status that pricing reads; this context decides it.
 */
@Module({
  imports: [IdentityModule, InvoicingModule, PaymentsModule, AuditModule],
  providers: [],
  exports: [],
})
export class MembershipModule {}
