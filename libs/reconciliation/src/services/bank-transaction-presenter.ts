import { Injectable } from '@nestjs/common';
import { InvoiceLedgerService } from '@mutualis/invoicing';
import { describeReason } from '../matching/match-scoring';
import { ReconciliationErrorCode, ReconciliationException } from '../reconciliation.exception';
import { BankAllocationRepository } from '../repositories/bank-allocation.repository';
import {
  BankTransactionRecord,
  BankTransactionRepository,
} from '../repositories/bank-transaction.repository';
import { BankTransactionView } from '../views/bank-transaction.view';

/** Bank lines as the workbench shows them: with their suggestions and live allocations. */
@Injectable()
export class BankTransactionPresenter {
  constructor(
    private readonly transactions: BankTransactionRepository,
    private readonly allocations: BankAllocationRepository,
    private readonly ledger: InvoiceLedgerService,
  ) {}

  /** One line; a TransactionNotFound exception when there is none. */
  async get(id: string, locale: 'fr' | 'en'): Promise<BankTransactionView> {
    const record = await this.transactions.findById(id);
    if (!record) {
      throw new ReconciliationException(
        ReconciliationErrorCode.TransactionNotFound,
        'bank transaction not found',
      );
    }
    return (await this.present([record], locale))[0];
  }

  async present(
    records: BankTransactionRecord[],
    locale: 'fr' | 'en',
  ): Promise<BankTransactionView[]> {
    const ids = records.map((record) => record.id);
    const [suggestions, allocations] = await Promise.all([
      this.allocations.suggestionsOf(ids),
      this.allocations.standingOf(ids),
    ]);
    // The invoices they name, read from invoicing in one call.
    const invoices = await this.ledger.summaries(
      [...suggestions, ...allocations].flatMap((row) => (row.invoiceId ? [row.invoiceId] : [])),
    );
    const invoiceOf = (id: string | null) => (id ? invoices.get(id) : undefined);
    // Best first; between equals, the invoice due first.
    suggestions.sort(
      (a, b) =>
        b.score - a.score ||
        (invoiceOf(a.invoiceId)?.dueDate ?? '').localeCompare(
          invoiceOf(b.invoiceId)?.dueDate ?? '',
        ),
    );
    return records.map((record) => ({
      id: record.id,
      bookingDate: record.bookingDate,
      valueDate: record.valueDate,
      amountCents: record.amountCents,
      currency: record.currency,
      direction: record.direction,
      payerName: record.counterpartyName,
      payerIban: record.counterpartyIban,
      remittanceInfo: record.remittanceInfo,
      reference: record.creditorReference,
      bankReference: record.bankReference,
      status: record.status,
      allocatedCents: record.allocatedCents,
      suggestions: suggestions
        .filter((suggestion) => suggestion.transactionId === record.id)
        .map((suggestion) => ({
          invoiceId: suggestion.invoiceId,
          invoiceNumber: invoiceOf(suggestion.invoiceId)?.number ?? null,
          refundId: suggestion.refundId,
          organisationName: invoiceOf(suggestion.invoiceId)?.organisationName ?? null,
          amountDueCents: invoiceOf(suggestion.invoiceId)?.amountDueCents ?? null,
          score: suggestion.score,
          reasons: suggestion.reasons.map((reason) => ({
            ...reason,
            text: describeReason(reason, locale),
          })),
        })),
      allocations: allocations
        .filter((allocation) => allocation.transactionId === record.id)
        .map((allocation) => ({
          id: allocation.id,
          kind: allocation.kind,
          invoiceId: allocation.invoiceId,
          invoiceNumber: invoiceOf(allocation.invoiceId)?.number ?? null,
          refundId: allocation.refundId,
          payoutId: allocation.payoutId,
          organisationId: allocation.organisationId,
          amountCents: allocation.amountCents,
          automatic: allocation.automatic,
          createdAt: allocation.createdAt.toISOString(),
        })),
    }));
  }
}
