import { Injectable } from '@nestjs/common';
import { ContactDirectoryService } from '@mutualis/identity';
import { ChambreSettingsQuery, InvoiceFactsService } from '@mutualis/invoicing';
import { RenewalRemindersService } from '@mutualis/membership';
import { PlannedDelivery } from '../repositories/delivery.repository';
import { deliveryTo } from './notification-planner';
import type { RenewalStage } from './renewal-schedule';
import { WebLinks } from './web-links';

const UNPAID = ['issued', 'partially_paid'];

/**
 * The mails of renewals (membership decides, notifications words them). A reminder is planned
 * when its delayed job runs: nothing once the invoice is paid or credited, or once the
 * membership no longer waits for it (paid another way, lapsed, cancelled). The log is keyed per
 * invoice and stage, so a replay sends nothing twice.
 */
@Injectable()
export class RenewalReminderPlanner {
  constructor(
    private readonly invoices: InvoiceFactsService,
    private readonly renewals: RenewalRemindersService,
    private readonly contacts: ContactDirectoryService,
    private readonly chambre: ChambreSettingsQuery,
    private readonly links: WebLinks,
  ) {}

  async reminder(
    invoiceId: string,
    stage: RenewalStage,
    final: boolean,
  ): Promise<PlannedDelivery[]> {
    const invoice = await this.invoices.byId(invoiceId);
    if (!invoice || invoice.type !== 'invoice' || !UNPAID.includes(invoice.status)) return [];
    if (invoice.amountDueCents <= 0 || !invoice.number || !invoice.membershipId) return [];
    if (!invoice.issueDate) return [];
    const plan = await this.renewals.planOf(invoice.membershipId, invoice.invoiceId);
    if (!plan || !(await this.renewals.stillDue(plan.organisationId, plan.year))) return [];
    const billing = await this.contacts.billingContact(invoice.organisationId);
    if (!billing) return [];
    const chambre = await this.chambre.get();
    return [
      deliveryTo(
        `renewal:${invoice.invoiceId}:${stage}`,
        billing.contact,
        'membership-renewal-reminder',
        {
          year: plan.year,
          final,
          invoiceNumber: invoice.number,
          issueDate: invoice.issueDate,
          amountDueCents: invoice.amountDueCents,
          graceEndDate: plan.graceUntil,
          paymentReference: invoice.paymentReference,
          iban: chambre.iban,
          bic: chambre.bic,
          invoiceUrl: this.links.invoice(invoice.invoiceId),
        },
      ),
    ];
  }

  /** The organisation's billing contact hears that its membership ended, and what that changes. */
  async lapsed(key: string, organisationId: string, year: number): Promise<PlannedDelivery[]> {
    const billing = await this.contacts.billingContact(organisationId);
    if (!billing) return [];
    return [
      deliveryTo(key, billing.contact, 'membership-lapsed', {
        year,
        membershipUrl: this.links.membership(),
      }),
    ];
  }
}
