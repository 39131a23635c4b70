import { Injectable, Logger } from '@nestjs/common';
import { DomainException } from '@mutualis/core';
import { MembershipRollService, MembershipService } from '@mutualis/identity';
import { IssueMembershipInvoiceUseCase, MembershipInvoicesQuery } from '@mutualis/invoicing';
import { CampaignRepository } from '../../repositories/campaign.repository';
import { FeeCalculator } from '../../services/fee-calculator';

export type RenewalOutcome = 'issued' | 'skipped' | 'failed';

/** Statuses of the year's membership that a renewal leaves alone: paid, or decided otherwise. */
const SETTLED = ['active', 'lapsed', 'cancelled'];

/**
 * One organisation's renewal in a campaign: its fee for the year, its membership of the year
 * recorded pending with that fee, and the invoice of that membership (C1, one per membership:
 * a retried or concurrent job gets the same invoice back). Each step is its own transaction; an
 * error marks the item failed with its text and never stops the batch.
 */
@Injectable()
export class IssueRenewalInvoiceUseCase {
  private readonly logger = new Logger(IssueRenewalInvoiceUseCase.name);

  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly fees: FeeCalculator,
    private readonly memberships: MembershipService,
    private readonly roll: MembershipRollService,
    private readonly issueInvoice: IssueMembershipInvoiceUseCase,
    private readonly invoices: MembershipInvoicesQuery,
  ) {}

  async execute(
    campaign: { id: string; year: number },
    organisationId: string,
  ): Promise<RenewalOutcome> {
    try {
      const current = await this.memberships.findForYear(organisationId, campaign.year);
      if (current && SETTLED.includes(current.status)) {
        await this.campaigns.settle(campaign.id, organisationId, {
          status: 'skipped',
          reason: `membership of ${campaign.year} already ${current.status}`,
        });
        return 'skipped';
      }
      // Invoiced already (an earlier attempt died before recording it): the fee it bills stays.
      const invoiced = current ? await this.invoices.ofMembership(current.id) : null;
      if (invoiced) {
        await this.campaigns.settle(campaign.id, organisationId, {
          status: 'issued',
          invoiceId: invoiced.invoiceId,
        });
        return 'issued';
      }
      const fee = await this.fees.feeFor(organisationId, campaign.year);
      if (fee.amountCents === 0) {
        // A fee waived (an override at 0): nothing to bill, the membership renewed as it is.
        await this.memberships.record(organisationId, campaign.year, 'active', 0);
        await this.campaigns.settle(campaign.id, organisationId, {
          status: 'skipped',
          reason: `no cotisation due for ${campaign.year}: active without an invoice`,
        });
        return 'skipped';
      }
      const membership = await this.roll.recordPendingRenewal(
        organisationId,
        campaign.year,
        fee.amountCents,
      );
      if (membership.status !== 'pending') {
        // Paid or decided between the two reads.
        await this.campaigns.settle(campaign.id, organisationId, {
          status: 'skipped',
          reason: `membership of ${campaign.year} already ${membership.status}`,
        });
        return 'skipped';
      }
      const { invoiceId } = await this.issueInvoice.execute({
        membershipId: membership.id,
        organisationId,
        year: campaign.year,
        description: fee.description,
        amountCents: fee.amountCents,
        vatTreatment: fee.vatTreatment,
      });
      await this.campaigns.settle(campaign.id, organisationId, { status: 'issued', invoiceId });
      return 'issued';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof DomainException)) {
        this.logger.warn(`renewal of ${organisationId} for ${campaign.year} failed: ${message}`);
      }
      await this.campaigns.settle(campaign.id, organisationId, {
        status: 'failed',
        error: error instanceof DomainException ? `${error.code}: ${message}` : message,
      });
      return 'failed';
    }
  }
}
