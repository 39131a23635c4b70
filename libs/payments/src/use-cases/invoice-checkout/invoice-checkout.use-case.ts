import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { Clock, isUniqueViolation } from '@mutualis/core';
import { Actor, OrganisationAccessService } from '@mutualis/identity';
import { GetInvoiceUseCase, invoiceNotFound, InvoiceView } from '@mutualis/invoicing';
import { Payment } from '../../entities/payment.entity';
import { PaymentsErrorCode, PaymentsException } from '../../payments.exception';
import { PaymentRepository } from '../../repositories/payment.repository';
import { CheckoutPages } from '../../services/checkout-pages';
import { StripeGateway } from '../../services/stripe-gateway';

/**
 * Pays an issued invoice by card (or SEPA debit) on Stripe Checkout, for what it still owes: a
 * membership's cotisation, or any invoice left to pay. Only a member of the invoice's
 * organisation asks (anyone else: not found); a second request while the page is open hands
 * back the same page, and an invoice never has two attempts in flight (a unique index), so it
 * cannot be paid twice by two pages. When Stripe says it is paid, the payment is recorded
 * against the invoice (ApplyStripeEventUseCase, then invoicing), which becomes paid.
 */
@Injectable()
export class InvoiceCheckoutUseCase {
  constructor(
    private readonly invoices: GetInvoiceUseCase,
    private readonly access: OrganisationAccessService,
    private readonly payments: PaymentRepository,
    private readonly stripe: StripeGateway,
    private readonly pages: CheckoutPages,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, invoiceId: string): Promise<{ checkoutUrl: string }> {
    const invoice = await this.invoices.execute(actor, invoiceId);
    // Finance and admins read every invoice; only the organisation's members pay one.
    const mine = await this.access.organisationsOf(actor.userId);
    if (!mine.includes(invoice.organisationId)) throw invoiceNotFound();
    assertPayable(invoice);
    const stripe = this.stripe.require();

    const open = await this.payments.openInvoiceCheckout(invoice.id);
    if (open) {
      const url = await this.reuse(stripe, open, invoice.amountDueCents);
      if (url) return { checkoutUrl: url };
    }
    let payment: Payment;
    try {
      payment = await this.payments.create({
        bookingId: null,
        invoiceId: invoice.id,
        organisationId: invoice.organisationId,
        provider: 'stripe',
        method: null,
        amountCents: invoice.amountDueCents,
        status: 'pending',
      });
    } catch (error) {
      // Another request opened one at the same moment: its page is the one to pay.
      if (isUniqueViolation(error, 'payments_one_open_invoice_checkout')) throw beingPrepared();
      throw error;
    }
    const checkoutUrl = await this.pages.open(stripe, payment, {
      label: `Facture ${invoice.number}`,
      subject: { invoice_id: invoice.id },
      returnPath: `/invoices/${invoice.id}`,
    });
    return { checkoutUrl };
  }

  /**
   * The page of the attempt in flight, when it is open for the amount due; null when it is gone
   * (expired, or for another amount: then closed), so a new one is made. Refused while money is
   * on its way (a SEPA debit, a page paid whose webhook is not applied yet).
   */
  private async reuse(
    stripe: Stripe,
    open: Payment,
    amountDueCents: number,
  ): Promise<string | null> {
    if (open.status === 'processing') {
      throw new PaymentsException(
        PaymentsErrorCode.InvoiceNotPayable,
        'a SEPA debit of this invoice is on its way; it is paid when the debit clears',
      );
    }
    if (!open.stripeCheckoutSessionId) {
      if (this.clock.now().getTime() - open.createdAt.getTime() < PREPARING_MS) {
        throw beingPrepared();
      }
      // A request that died between its row and its page: nothing was ever payable there.
      await this.payments.expirePending(open.id);
      return null;
    }
    const session = await stripe.checkout.sessions
      .retrieve(open.stripeCheckoutSessionId)
      .catch(() => null);
    if (session?.status === 'complete') {
      throw new PaymentsException(
        PaymentsErrorCode.InvoiceNotPayable,
        'this invoice has just been paid; its payment is being recorded',
      );
    }
    if (session?.status === 'open') {
      if (open.amountCents === amountDueCents && session.url) return session.url;
      // The amount due changed (a transfer or a credit note came): that page must not be paid.
      await stripe.checkout.sessions.expire(session.id).catch(() => null);
    }
    await this.payments.expirePending(open.id);
    return null;
  }
}

/** An attempt younger than this without its Checkout page is still being created. */
const PREPARING_MS = 2 * 60_000;

function beingPrepared(): PaymentsException {
  return new PaymentsException(
    PaymentsErrorCode.InvoiceNotPayable,
    'a payment page for this invoice is being prepared; ask again in a moment',
  );
}

/** An invoice (not a credit note), issued or partly paid, with something left to pay. */
function assertPayable(invoice: InvoiceView): void {
  if (invoice.type !== 'invoice') {
    throw new PaymentsException(
      PaymentsErrorCode.InvoiceNotPayable,
      'a credit note is not paid by the member',
    );
  }
  if (!['issued', 'partially_paid'].includes(invoice.status) || invoice.amountDueCents <= 0) {
    throw new PaymentsException(
      PaymentsErrorCode.InvoiceNotPayable,
      `invoice ${invoice.number} is ${invoice.status}: nothing is left to pay by card`,
    );
  }
}
