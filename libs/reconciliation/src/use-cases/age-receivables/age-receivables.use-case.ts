import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { InvoiceLedgerService } from '@mutualis/invoicing';
import { AllocationLedgerService } from '../../services/allocation-ledger.service';
import {
  AgedReceivables,
  AGING_BUCKETS,
  agingBucket,
  emptyBuckets,
  OrganisationReceivable,
} from '../../views/receivables.view';

const PARIS = 'Europe/Paris';

/** What members owe, by age (not due, 0–30, 31–60, 61–90, over 90 days), and the credit they hold. */
@Injectable()
export class AgeReceivablesUseCase {
  constructor(
    private readonly ledger: InvoiceLedgerService,
    private readonly allocations: AllocationLedgerService,
  ) {}

  async execute(asOf = DateTime.now().setZone(PARIS).toISODate()!): Promise<AgedReceivables> {
    const [invoices, credits] = await Promise.all([
      this.ledger.openInvoices(),
      this.allocations.live('organisation_credit'),
    ]);
    const byOrganisation = new Map<string, OrganisationReceivable>();
    const entry = (organisationId: string, organisationName: string) => {
      let found = byOrganisation.get(organisationId);
      if (!found) {
        found = {
          organisationId,
          organisationName,
          ...emptyBuckets(),
          totalDueCents: 0,
          creditCents: 0,
          openInvoices: 0,
        };
        byOrganisation.set(organisationId, found);
      }
      return found;
    };
    for (const invoice of invoices) {
      const row = entry(invoice.organisationId, invoice.organisationName);
      row[agingBucket(invoice.dueDate, asOf)] += invoice.amountDueCents;
      row.totalDueCents += invoice.amountDueCents;
      row.openInvoices += 1;
    }
    for (const credit of credits)
      entry(credit.organisationId, credit.organisationName).creditCents += credit.cents;
    const organisations = [...byOrganisation.values()].sort(
      (a, b) =>
        b.totalDueCents - a.totalDueCents ||
        a.organisationName.localeCompare(b.organisationName, 'fr'),
    );
    const totals = { ...emptyBuckets(), totalDueCents: 0, creditCents: 0 };
    for (const row of organisations) {
      for (const bucket of AGING_BUCKETS) totals[bucket] += row[bucket];
      totals.totalDueCents += row.totalDueCents;
      totals.creditCents += row.creditCents;
    }
    return { asOf, organisations, totals };
  }
}
