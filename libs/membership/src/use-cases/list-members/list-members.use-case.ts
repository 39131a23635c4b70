import { Injectable } from '@nestjs/common';
import { decodeKeyset, encodeKeyset, Page } from '@mutualis/core';
import { MembershipRollService } from '@mutualis/identity';
import { MembershipInvoicesQuery } from '@mutualis/invoicing';

/** paid: active; unpaid: pending (invoiced or not); lapsed: past the grace date unpaid. */
export const MEMBER_STANDINGS = ['paid', 'unpaid', 'lapsed', 'cancelled'] as const;
export type MemberStanding = (typeof MEMBER_STANDINGS)[number];

const STATUS_OF: Record<MemberStanding, string> = {
  paid: 'active',
  unpaid: 'pending',
  lapsed: 'lapsed',
  cancelled: 'cancelled',
};
const STANDING_OF: Record<string, MemberStanding> = {
  active: 'paid',
  pending: 'unpaid',
  lapsed: 'lapsed',
  cancelled: 'cancelled',
};

export interface MemberView {
  organisationId: string;
  legalName: string;
  siret: string | null;
  rna: string | null;
  status: MemberStanding;
  feeCents: number;
  invoiceId: string | null;
  invoiceNumber: string | null;
  amountDueCents: number | null;
}

export interface ListMembersQuery {
  year: number;
  status?: MemberStanding;
  limit: number;
  cursor?: string;
}

/** The admin's roll of a year: one row per organisation with a membership that year. */
@Injectable()
export class ListMembersUseCase {
  constructor(
    private readonly roll: MembershipRollService,
    private readonly invoices: MembershipInvoicesQuery,
  ) {}

  async execute(query: ListMembersQuery): Promise<Page<MemberView>> {
    const after = decodeKeyset(query.cursor, 1);
    const rows = await this.roll.membersOfYear({
      year: query.year,
      statuses: query.status ? [STATUS_OF[query.status]] : null,
      afterOrganisationId: after?.[0] ?? null,
      limit: query.limit + 1,
    });
    const shown = rows.slice(0, query.limit);
    const invoices = await this.invoices.ofMemberships(shown.map((row) => row.membershipId));
    const last = shown.at(-1);
    return {
      items: shown.map((row) => {
        const invoice = invoices.get(row.membershipId) ?? null;
        return {
          organisationId: row.organisationId,
          legalName: row.legalName,
          siret: row.siret,
          rna: row.rna,
          status: STANDING_OF[row.status] ?? 'unpaid',
          feeCents: row.feeCents,
          invoiceId: invoice?.invoiceId ?? null,
          invoiceNumber: invoice?.number ?? null,
          amountDueCents: invoice?.amountDueCents ?? null,
        };
      }),
      nextCursor: rows.length > query.limit && last ? encodeKeyset([last.organisationId]) : null,
    };
  }
}
