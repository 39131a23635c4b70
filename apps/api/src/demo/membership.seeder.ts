import { Injectable } from '@nestjs/common';
import { Actor, MembershipService, SetMembershipUseCase } from '@mutualis/identity';
import { RecordInvoicePaymentUseCase } from '@mutualis/invoicing';
import {
  ApproveApplicationUseCase,
  FeeRateFields,
  GetFeeScheduleUseCase,
  MEMBER_FAMILIES,
  MembershipErrorCode,
  MembershipException,
  PublishCharterUseCase,
  SetFeeScheduleUseCase,
  SettleMembershipUseCase,
  SubmitApplicationUseCase,
} from '@mutualis/membership';
import type { DemoOrganisation } from './demo-data';

/** One demo organisation with its admin, as the demo seeder made them. */
export interface DemoApplicant {
  actor: Actor;
  organisationId: string;
  demo: DemoOrganisation;
}

/** Three headcount brackets per family (cents): the shape of a Chambre's real grid. */
const BRACKETS: [number, number | null, number][] = [
  [0, 10, 9_000],
  [10, 50, 24_000],
  [50, null, 48_000],
];

const CHARTER = {
  title: 'Statuts et charte des adhérents de la CRESS (démo)',
  body:
    'En adhérant, l’organisation déclare relever de l’économie sociale et solidaire (loi du ' +
    '31 juillet 2014), s’engage à respecter les statuts de la Chambre et sa charte (gouvernance ' +
    'démocratique, lucrativité limitée, utilité sociale), et à régler sa cotisation annuelle.',
};

/**
 * The demo's memberships, through the process members and the Chambre go through: the fee grids
 * of this year and the next, the charter, applications, approvals (which issue the membership
 * invoices), a paid invoice, an unpaid one past its grace date (lapsed), an unpaid renewal for
 * next year and an application for next year waiting. Runs once: when this year's grid exists, it is done.
 */
@Injectable()
export class MembershipSeeder {
  constructor(
    private readonly getFeeSchedule: GetFeeScheduleUseCase,
    private readonly setFeeSchedule: SetFeeScheduleUseCase,
    private readonly publishCharter: PublishCharterUseCase,
    private readonly submit: SubmitApplicationUseCase,
    private readonly approve: ApproveApplicationUseCase,
    private readonly recordPayment: RecordInvoicePaymentUseCase,
    private readonly settle: SettleMembershipUseCase,
    private readonly setMembership: SetMembershipUseCase,
    private readonly memberships: MembershipService,
  ) {}

  /** How many records it created (0 when already seeded). */
  async seed(applicants: DemoApplicant[], admin: Actor, year: number): Promise<number> {
    if (await this.gridExists(year)) return 0;
    // This year's renewals were due by 31 March: unpaid ones have lapsed since. Joins from
    // 1 July next year pay pro rata (this year's demo applications are its history: full fee).
    await this.grid(year, { graceUntil: `${year}-03-31`, prorataFrom: null }, admin);
    await this.grid(
      year + 1,
      { graceUntil: `${year + 1}-03-31`, prorataFrom: `${year + 1}-07-01` },
      admin,
    );
    const charter = await this.publishCharter.execute({ ...CHARTER, userId: admin.userId });
    let created = 3;
    const apply = async (applicant: DemoApplicant, forYear: number) =>
      this.submit.execute({
        actor: applicant.actor,
        organisationId: applicant.organisationId,
        year: forYear,
        family: applicant.demo.family,
        headcount: applicant.demo.headcount,
        annualBudgetCents: null,
        contactName: applicant.demo.admin.name,
        contactEmail: applicant.demo.admin.email,
        charterVersion: charter.version,
        acceptCharter: true,
      });

    for (const applicant of applicants) {
      const { membership } = applicant.demo;
      if (membership === 'none') continue;
      const application = await apply(applicant, year);
      created++;
      const approved = await this.approve.execute(admin, application.id);
      if (membership === 'paid') await this.pay(applicant.organisationId, year, approved);
      if (membership === 'unpaid_lapsed') {
        // What the nightly lapse did in April to the renewal invoiced in January; here the
        // invoice is issued today, so the admin records the outcome of this year's history.
        await this.setMembership.execute({
          organisationId: applicant.organisationId,
          year,
          status: 'lapsed',
          feeCents: approved.feeCents ?? 0,
        });
      }
    }
    for (const applicant of applicants.filter((one) => one.demo.nextYear)) {
      const application = await apply(applicant, year + 1);
      if (applicant.demo.nextYear === 'approved') await this.approve.execute(admin, application.id);
      created++;
    }
    return created;
  }

  private async gridExists(year: number): Promise<boolean> {
    try {
      await this.getFeeSchedule.execute(year);
      return true;
    } catch (error) {
      if (
        error instanceof MembershipException &&
        error.code === MembershipErrorCode.FeeScheduleNotFound
      )
        return false;
      throw error;
    }
  }

  private async grid(
    year: number,
    dates: { graceUntil: string; prorataFrom: string | null },
    admin: Actor,
  ): Promise<void> {
    const rates: FeeRateFields[] = MEMBER_FAMILIES.flatMap((family) =>
      BRACKETS.map(([lowerBound, upperBound, amountCents]) => ({
        family,
        basis: 'headcount' as const,
        lowerBound,
        upperBound,
        amountCents,
      })),
    );
    await this.setFeeSchedule.execute({
      year,
      vatTreatment: 'out_of_scope',
      firstYearFeeCents: null,
      ...dates,
      reminderDays: [30, 60],
      finalNoticeDays: 75,
      publicBodiesActiveOnApproval: true,
      rates,
      userId: admin.userId,
    });
  }

  /**
   * Its treasurer's transfer, as finance records it, then the membership settled at once (the
   * worker would do it on the payment's event; the bookings seeded next need the member price).
   */
  private async pay(
    organisationId: string,
    year: number,
    approved: { id: string; invoiceId: string | null; feeCents: number | null },
  ): Promise<void> {
    if (!approved.invoiceId || approved.feeCents === null) return;
    await this.recordPayment.forInvoice({
      invoiceId: approved.invoiceId,
      source: `demo-membership-${approved.id}`,
      amountCents: approved.feeCents,
      method: 'bank_transfer',
    });
    const membership = await this.memberships.findForYear(organisationId, year);
    if (membership) await this.settle.paid(membership.id, approved.invoiceId);
  }
}
