import { Injectable } from '@nestjs/common';
import {
  Actor,
  MembershipService,
  MembershipStatus,
  OrganisationAccessService,
} from '@mutualis/identity';
import { InvoiceFactsService } from '@mutualis/invoicing';

export interface MembershipYearView {
  year: number;
  status: MembershipStatus;
  feeCents: number;
  /** The membership's invoice, once issued. */
  invoice: { id: string; number: string | null; status: string; amountDueCents: number } | null;
  /** An attestation d'adhésion is given for an active year only. */
  certificateAvailable: boolean;
}

/** An organisation's membership year by year (latest first), with its invoice: the member's page. */
@Injectable()
export class ListMembershipYearsUseCase {
  constructor(
    private readonly access: OrganisationAccessService,
    private readonly memberships: MembershipService,
    private readonly invoices: InvoiceFactsService,
  ) {}

  async execute(actor: Actor, organisationId: string): Promise<MembershipYearView[]> {
    await this.access.assertCanRead(actor, organisationId);
    const years = await this.memberships.listForOrganisation(organisationId);
    const invoices = await this.invoices.forMemberships(years.map((membership) => membership.id));
    return years.map((membership) => {
      const invoice = invoices.get(membership.id);
      return {
        year: membership.year,
        status: membership.status,
        feeCents: membership.feeCents,
        invoice: invoice
          ? {
              id: invoice.invoiceId,
              number: invoice.number,
              status: invoice.status,
              amountDueCents: invoice.amountDueCents,
            }
          : null,
        certificateAvailable: membership.status === 'active',
      };
    });
  }
}
