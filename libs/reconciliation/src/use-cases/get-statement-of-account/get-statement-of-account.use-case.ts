import { Injectable } from '@nestjs/common';
import { OrganisationDirectoryService } from '@mutualis/identity';
import { InvoiceLedgerService } from '@mutualis/invoicing';
import { ReconciliationErrorCode, ReconciliationException } from '../../reconciliation.exception';
import { AllocationLedgerService } from '../../services/allocation-ledger.service';
import { StatementLine, StatementOfAccount } from '../../views/receivables.view';

/** An organisation's statement of account. */
@Injectable()
export class GetStatementOfAccountUseCase {
  constructor(
    private readonly ledger: InvoiceLedgerService,
    private readonly organisations: OrganisationDirectoryService,
    private readonly allocations: AllocationLedgerService,
  ) {}

  /** Invoices, credit notes and money received, in date order, with the running balance owed. */
  async execute(organisationId: string): Promise<StatementOfAccount> {
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
