import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { centsFromRow } from '@mutualis/core';
import type { InvoiceStatus } from '../invoicing.types';

/** The invoice of a membership (cotisation), as the membership context lists and cancels it. */
export interface MembershipInvoiceState {
  membershipId: string;
  invoiceId: string;
  number: string | null;
  status: InvoiceStatus;
  issueDate: string | null;
  totalInclVatCents: number;
  amountDueCents: number;
  /** What credit notes may still take off it. */
  amountLeftToCreditCents: number;
}

interface StateRow {
  membership_id: string;
  id: string;
  number: string | null;
  status: InvoiceStatus;
  issue_date: string | null;
  total_incl_vat_cents: string;
  amount_due_cents: string;
  left_to_credit_cents: string;
}

@Injectable()
export class MembershipInvoiceLedgerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The invoices (never their credit notes) of memberships, keyed by membership (invoices_membership_idx). */
  async ofMemberships(membershipIds: string[]): Promise<Map<string, MembershipInvoiceState>> {
    if (membershipIds.length === 0) return new Map();
    const rows = await this.dataSource.query<StateRow[]>(
      `SELECT membership_id, id, number, status, issue_date::text, total_incl_vat_cents,
              GREATEST(0, total_incl_vat_cents - amount_paid_cents - amount_credited_cents) AS amount_due_cents,
              total_incl_vat_cents - amount_credited_cents AS left_to_credit_cents
         FROM invoices
        WHERE membership_id = ANY($1::uuid[]) AND type = 'invoice'`,
      [[...new Set(membershipIds)]],
    );
    return new Map(
      rows.map((row) => [
        row.membership_id,
        {
          membershipId: row.membership_id,
          invoiceId: row.id,
          number: row.number,
          status: row.status,
          issueDate: row.issue_date,
          totalInclVatCents: centsFromRow(row.total_incl_vat_cents),
          amountDueCents: centsFromRow(row.amount_due_cents),
          amountLeftToCreditCents: centsFromRow(row.left_to_credit_cents),
        },
      ]),
    );
  }

  /**
   * The memberships of a year whose invoice is still unpaid past its due date (those the lapse
   * may concern; invoices_open_membership_idx).
   */
  async unpaidPastDue(year: number, today: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ membership_id: string }[]>(
      `SELECT membership_id
         FROM invoices
        WHERE membership_id IS NOT NULL AND type = 'invoice' AND status IN ('issued', 'partially_paid')
          AND service_date = make_date($1, 1, 1) AND due_date < $2::date`,
      [year, today],
    );
    return rows.map((row) => row.membership_id);
  }
}
