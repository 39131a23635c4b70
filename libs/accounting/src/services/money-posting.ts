import { Injectable } from '@nestjs/common';
import { parisDate } from '@mutualis/core';
import { InvoiceLedgerService, PostingPayment } from '@mutualis/invoicing';
import { PaymentFactsService, RefundFacts } from '@mutualis/payments';
import { AllocationLedgerService, BankLineReference } from '@mutualis/reconciliation';
import type { EntryDraft } from '../journal/entry-draft';
import {
  CustomerMoney,
  paymentEntry,
  refundEntry,
  unappliedRefundEntry,
} from '../posting/posting-rules';
import { InvoicePosting, InvoiceScope, PostingOutcome, PostingScope } from './invoice-posting';

/** Where and when money moved, before the rule knows whose it is. */
export type Movement = Pick<CustomerMoney, 'journal' | 'sourceKey' | 'date' | 'pieceRef'>;

/** A bank entry refers to the statement line: the bank's own reference, else the line itself. */
export function bankLineMovement(sourceKey: string, line: BankLineReference): Movement {
  return {
    journal: 'BQ',
    sourceKey,
    date: line.bookingDate,
    pieceRef: line.bankReference ?? line.transactionId,
  };
}

/** The source key of a bank allocation's entry, and of its counter-entry. */
export const allocationKey = (allocationId: string): string => `bank-allocation:${allocationId}`;
export const undoneAllocationKey = (allocationId: string): string =>
  `bank-allocation-undone:${allocationId}`;

/**
 * Turns the facts of payments and refunds (read from invoicing, payments and reconciliation)
 * into the entries the rules make, in a posting scope: card and SEPA money in the Stripe
 * journal, dated by Stripe and referring to Stripe's object; bank money in the bank journal,
 * dated by the bank and referring to the statement line.
 */
@Injectable()
export class MoneyPosting {
  constructor(
    private readonly posting: InvoicePosting,
    private readonly ledger: InvoiceLedgerService,
    private readonly payments: PaymentFactsService,
    private readonly allocations: AllocationLedgerService,
  ) {}

  /** A payment recorded against an invoice, reversed since or not. */
  async invoicePayment(paymentId: string): Promise<PostingPayment> {
    const payment = await this.ledger.postingPayment(paymentId);
    if (!payment) throw new Error(`invoice payment ${paymentId} not found`);
    return payment;
  }

  /** Where a payment's money went and when: Stripe for card and SEPA, the bank line otherwise. */
  async paymentMoney(payment: PostingPayment): Promise<CustomerMoney> {
    const sourceKey = `payment:${payment.paymentId}`;
    const base = {
      amountCents: payment.amountCents,
      organisationId: payment.organisationId,
      letteringKey: payment.invoiceId,
    };
    if (payment.method === 'card' || payment.method === 'sepa_debit') {
      const stripe = payment.reference ? await this.payments.payment(payment.reference) : null;
      return {
        ...base,
        journal: 'ST',
        sourceKey,
        date: parisDate(stripe?.succeededAt ?? payment.receivedAt),
        pieceRef:
          stripe?.stripePaymentIntentId ?? stripe?.stripeChargeId ?? payment.reference ?? sourceKey,
        label: `${payment.method === 'card' ? 'Paiement carte' : 'Prélèvement SEPA'} ${payment.invoiceNumber}`,
      };
    }
    const allocationId = payment.source.startsWith('bank-allocation:')
      ? payment.source.slice('bank-allocation:'.length)
      : null;
    const allocation = allocationId ? await this.allocations.postingAllocation(allocationId) : null;
    return {
      ...base,
      ...(allocation
        ? bankLineMovement(sourceKey, allocation.line)
        : { journal: 'BQ', sourceKey, date: parisDate(payment.receivedAt), pieceRef: sourceKey }),
      label: `Règlement ${payment.invoiceNumber}`,
    };
  }

  /** Posts a payment in its invoice's scope (its VAT share read from the books before it). */
  async postPayment(scope: InvoiceScope, money: CustomerMoney): Promise<PostingOutcome> {
    if (await scope.isPosted(money.sourceKey)) return 'already_posted';
    return scope.post(paymentEntry(money, await scope.book()));
  }

  async refund(refundId: string): Promise<RefundFacts> {
    const refund = await this.payments.refund(refundId);
    if (!refund) throw new Error(`refund ${refundId} not found`);
    return refund;
  }

  /**
   * Posts a refund with the movement given: against the booking's invoice (its VAT moving
   * back), or, for money paid too late, against the late payment it returns.
   */
  postRefund(refund: RefundFacts, movement: Movement): Promise<PostingOutcome> {
    return this.inRefundScope(refund, async (scope, letteringKey, book) => {
      if (await scope.isPosted(movement.sourceKey)) return 'already_posted';
      const money: CustomerMoney = {
        ...movement,
        amountCents: refund.amountCents,
        organisationId: refund.organisationId,
        letteringKey,
        label: book ? `Remboursement ${book.invoiceNumber}` : 'Remboursement paiement tardif',
      };
      return scope.post(book ? refundEntry(money, await book.read()) : unappliedRefundEntry(money));
    });
  }

  /**
   * Work on what a refund gives back: under its invoice's lock (with the invoice's books), or,
   * for money paid too late, in a plain transaction under the late payment's key.
   */
  async inRefundScope<T>(
    refund: RefundFacts,
    work: (
      scope: PostingScope,
      letteringKey: string,
      book: { invoiceNumber: string; read: InvoiceScope['book'] } | null,
    ) => Promise<T>,
  ): Promise<T> {
    if (refund.source.startsWith('late-payment:')) {
      return this.posting.run((scope) => work(scope, lateKey(refund.paymentId), null));
    }
    const invoiceId = await this.ledger.invoiceOfBooking(refund.bookingId);
    // The booking's invoice is issued from its confirmation, before any refund can be due.
    if (!invoiceId) throw new Error(`booking ${refund.bookingId} has no issued invoice yet`);
    return this.posting.forInvoice(invoiceId, (scope) =>
      work(scope, invoiceId, { invoiceNumber: scope.invoiceNumber, read: scope.book }),
    );
  }

  /** The entry a source posted; a bug when it is missing (its poster runs first). */
  async posted(scope: PostingScope, sourceKey: string): Promise<EntryDraft> {
    const entry = await scope.entry(sourceKey);
    if (!entry) throw new Error(`the entry of ${sourceKey} is not in the journal`);
    return entry;
  }
}

/** Money paid too late is lettered with its own refund, under the Stripe payment's id. */
export const lateKey = (stripePaymentId: string): string => `late-payment:${stripePaymentId}`;
