import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type Stripe from 'stripe';
import { Environment } from '@mutualis/core';
import { Payment } from '../entities/payment.entity';
import { PaymentRepository } from '../repositories/payment.repository';
import { providerError } from './stripe-gateway';

/** What a Stripe Checkout page asks for, and where it sends the payer back to. */
export interface CheckoutPage {
  /** The label of its one line (« Facture F-2027-000042 », « Réservation … »). */
  label: string;
  /** What it pays, named in the session's and the payment intent's metadata. */
  subject: { booking_id: string } | { invoice_id: string };
  /** The web app's page the payer comes back to (`?paid=1` once paid). */
  returnPath: string;
  /** When the page closes (a booking's hold); Stripe's default (24 h) otherwise. */
  expiresAt?: Date;
}

/**
 * Opens the Stripe Checkout page of a payment attempt (card or SEPA debit), for its amount: the
 * payment row is made first, so the page's metadata name it and a webhook always finds it; a
 * page Stripe refuses marks the attempt failed. Idempotent per attempt (Stripe's idempotency key).
 */
@Injectable()
export class CheckoutPages {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async open(stripe: Stripe, payment: Payment, page: CheckoutPage): Promise<string> {
    const web = this.config.get('PUBLIC_WEB_URL', { infer: true });
    try {
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          allowed_payment_method_types: ['card', 'sepa_debit'],
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: 'eur',
                unit_amount: payment.amountCents,
                product_data: { name: page.label },
              },
            },
          ],
          client_reference_id: Object.values(page.subject)[0],
          metadata: {
            ...page.subject,
            organisation_id: payment.organisationId,
            payment_id: payment.id,
          },
          payment_intent_data: { metadata: { ...page.subject, payment_id: payment.id } },
          ...(page.expiresAt ? { expires_at: Math.floor(page.expiresAt.getTime() / 1000) } : {}),
          success_url: new URL(`${page.returnPath}?paid=1`, web).toString(),
          cancel_url: new URL(page.returnPath, web).toString(),
        },
        { idempotencyKey: `checkout-${payment.id}` },
      );
      await this.payments.update(payment.id, { stripeCheckoutSessionId: session.id });
      return session.url!;
    } catch (error) {
      await this.payments.update(payment.id, {
        status: 'failed',
        failureReason: (error as Error).message.slice(0, 500),
      });
      throw providerError(error);
    }
  }
}
