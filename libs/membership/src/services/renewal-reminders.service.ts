import { Injectable } from '@nestjs/common';
import { MembershipRollService, MembershipService } from '@mutualis/identity';
import { CampaignRepository } from '../repositories/campaign.repository';
import { ChambreScopeRepository } from '../repositories/chambre-scope.repository';
import { RenewalTermsRepository } from '../repositories/renewal-terms.repository';

/** When a renewal invoice is chased: its year's reminder days and final notice, from issue. */
export interface RenewalReminderPlan {
  invoiceId: string;
  organisationId: string;
  year: number;
  reminderDays: number[];
  finalNoticeDays: number;
  graceUntil: string | null;
}

/**
 * What notifications needs to chase renewal invoices (the mails are its templates, the rules
 * are here): which invoices are a campaign's renewals, their year's schedule of reminders, and
 * whether a reminder still applies.
 */
@Injectable()
export class RenewalRemindersService {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly terms: RenewalTermsRepository,
    private readonly chambre: ChambreScopeRepository,
    private readonly memberships: MembershipService,
    private readonly roll: MembershipRollService,
  ) {}

  /**
   * The reminder plan of a membership's invoice when the membership is a campaign's renewal;
   * null for any other invoice (a first adhésion is chased like any invoice).
   */
  async planOf(membershipId: string, invoiceId: string): Promise<RenewalReminderPlan | null> {
    const membership = await this.roll.findById(membershipId);
    if (!membership) return null;
    if (!(await this.campaigns.isRenewal(membership.organisationId, membership.year))) return null;
    const terms = await this.terms.forYear(await this.chambre.currentId(), membership.year);
    if (!terms) return null;
    return {
      invoiceId,
      organisationId: membership.organisationId,
      year: membership.year,
      ...this.schedule(terms),
    };
  }

  /** Every campaign's renewal invoice with its plan, for the nightly rebuild of the delayed jobs. */
  async plans(): Promise<RenewalReminderPlan[]> {
    const chambreId = await this.chambre.currentId();
    const issued = await this.campaigns.issuedInvoiceIds();
    const termsByYear = new Map<number, Awaited<ReturnType<RenewalTermsRepository['forYear']>>>();
    const plans: RenewalReminderPlan[] = [];
    for (const renewal of issued) {
      if (!termsByYear.has(renewal.year)) {
        termsByYear.set(renewal.year, await this.terms.forYear(chambreId, renewal.year));
      }
      const terms = termsByYear.get(renewal.year);
      if (terms) plans.push({ ...renewal, ...this.schedule(terms) });
    }
    return plans;
  }

  /**
   * Whether the membership the renewal bills still waits for its payment: pending. Paid
   * (active), lapsed or cancelled memberships get no reminder.
   */
  async stillDue(organisationId: string, year: number): Promise<boolean> {
    const membership = await this.memberships.findForYear(organisationId, year);
    return membership?.status === 'pending';
  }

  /** For the mail of a membership invoice: the year it is the cotisation of, and whether it renews. */
  async describe(membershipId: string): Promise<{ year: number; renewal: boolean } | null> {
    const membership = await this.roll.findById(membershipId);
    if (!membership) return null;
    return {
      year: membership.year,
      renewal: await this.campaigns.isRenewal(membership.organisationId, membership.year),
    };
  }

  private schedule(terms: {
    reminderDays: number[];
    finalNoticeDays: number;
    graceUntil: string | null;
  }) {
    return {
      reminderDays: terms.reminderDays.filter((days) => days < terms.finalNoticeDays),
      finalNoticeDays: terms.finalNoticeDays,
      graceUntil: terms.graceUntil,
    };
  }
}
