import { Injectable } from '@nestjs/common';
import {
  MembershipInvoiceLedgerRepository,
  MembershipInvoiceState,
} from '../repositories/membership-invoice-ledger.repository';

export type { MembershipInvoiceState };

/** The invoices of memberships, read by the membership context (its roll, cancellations, reminders). */
@Injectable()
export class MembershipInvoicesQuery {
  constructor(private readonly ledger: MembershipInvoiceLedgerRepository) {}

  ofMemberships(membershipIds: string[]): Promise<Map<string, MembershipInvoiceState>> {
    return this.ledger.ofMemberships(membershipIds);
  }

  async ofMembership(membershipId: string): Promise<MembershipInvoiceState | null> {
    return (await this.ledger.ofMemberships([membershipId])).get(membershipId) ?? null;
  }

  /** The memberships of `year` whose invoice is unpaid and past its due date on `today`. */
  unpaidPastDue(year: number, today: string): Promise<string[]> {
    return this.ledger.unpaidPastDue(year, today);
  }
}
