import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { OrganisationDirectoryService } from '@mutualis/identity';
import { InvoiceLedgerService } from '@mutualis/invoicing';
import { AllocationLedgerService } from '../../services/allocation-ledger.service';
import { ReconciliationErrorCode, ReconciliationException } from '../../reconciliation.exception';

export const AGING_BUCKETS = ['notDue', 'days0to30', 'days31to60', 'days61to90', 'over90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
type Buckets = Record<AgingBucket, number>;

export interface OrganisationReceivable extends Buckets {
  organisationId: string;
  organisationName: string;
  totalDueCents: number;
  /** Money received beyond what was owed (overpayments), kept for the organisation. */
  creditCents: number;
  openInvoices: number;
}

export interface AgedReceivables {
  asOf: string;
  organisations: OrganisationReceivable[];
  totals: Buckets & { totalDueCents: number; creditCents: number };
}

export interface StatementLine {
  date: string;
  kind: 'invoice' | 'credit_note' | 'payment' | 'credit';
  reference: string;
  label: string;
  debitCents: number;
  creditCents: number;
  balanceCents: number;
}

const PARIS = 'Europe/Paris';

/** Which column an amount due falls in, by whole days past its due date. */
export function agingBucket(dueDate: string, asOf: string): AgingBucket {
  const late = DateTime.fromISO(asOf).diff(DateTime.fromISO(dueDate), 'days').days;
  if (late <= 0) return 'notDue';
  if (late <= 30) return 'days0to30';
  if (late <= 60) return 'days31to60';
  if (late <= 90) return 'days61to90';
  return 'over90';
}

function emptyBuckets(): Buckets {
  return { notDue: 0, days0to30: 0, days31to60: 0, days61to90: 0, over90: 0 };
}

/** What members owe, by age, and each organisation's statement of account. */
@Injectable()
export class ReceivablesUseCase {
  constructor(
    private readonly ledger: InvoiceLedgerService,
    private readonly organisations: OrganisationDirectoryService,
    private readonly allocations: AllocationLedgerService,
  ) {}

  async aged(asOf = DateTime.now().setZone(PARIS).toISODate()!): Promise<AgedReceivables> {
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

  /** Invoices, credit notes and money received, in date order, with the running balance owed. */
  async statement(organisationId: string): Promise<{
    organisationId: string;
    organisationName: string;
    lines: StatementLine[];
    balanceCents: number;
  }> {
    const organisationName = (await this.organisations.legalNamesOf([organisationId])).get(
      organisationId,
    );
    if (!organisationName) {
      throw new ReconciliationException(
        ReconciliationErrorCode.OrganisationNotFound,
        'organisation not found',
      );
    }
    const [documents, payments, credits] = await Promise.all([
      this.ledger.documents({ organisationId }),
      this.ledger.payments({ organisationId }),
      this.allocations.live('organisation_credit', { organisationId }),
    ]);
    const lines: Omit<StatementLine, 'balanceCents'>[] = [
      ...documents.map((document) => ({
        date: document.issueDate,
        kind: document.type,
        reference: document.number,
        label: document.type === 'invoice' ? 'Facture' : 'Avoir',
        debitCents: document.type === 'invoice' ? document.totalInclVatCents : 0,
        creditCents: document.type === 'credit_note' ? document.totalInclVatCents : 0,
      })),
      ...payments.map((payment) => ({
        date: payment.receivedOn,
        kind: 'payment' as const,
        reference: payment.invoiceNumber,
        label: `Règlement (${payment.method})`,
        debitCents: 0,
        creditCents: payment.amountCents,
      })),
      ...credits.map((credit) => ({
        date: credit.on,
        kind: 'credit' as const,
        reference: credit.transactionId,
        label: 'Trop-perçu conservé en avoir',
        debitCents: 0,
        creditCents: credit.cents,
      })),
    ].sort((a, b) => a.date.localeCompare(b.date) || a.reference.localeCompare(b.reference));
    let balance = 0;
    const withBalance = lines.map((line) => {
      balance += line.debitCents - line.creditCents;
      return { ...line, balanceCents: balance };
    });
    return {
      organisationId,
      organisationName,
      lines: withBalance,
      balanceCents: balance,
    };
  }
}
