import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Stripe from 'stripe';
import { Environment } from '@mutualis/core';
import { PaymentsErrorCode, PaymentsException } from '../payments.exception';

/**
 * The Stripe client, built from configuration. Without a secret key, card payment is
 * unavailable (503) and everything else works; STRIPE_API_BASE points it elsewhere (tests).
 */
@Injectable()
export class StripeGateway {
  private readonly client: Stripe | null;
  private readonly verifier: Stripe;
  private readonly webhookSecret: string | undefined;

  constructor(config: ConfigService<Environment, true>) {
    const key = config.get('STRIPE_SECRET_KEY', { infer: true });
    const base = config.get('STRIPE_API_BASE', { infer: true });
    const target = base ? new URL(base) : null;
    const options: Stripe.StripeConfig = {
      maxNetworkRetries: 2,
      // No telemetry file written in the home directory of the service account.
      telemetry: false,
      ...(target
        ? {
            host: target.hostname,
            port: Number(target.port || (target.protocol === 'https:' ? 443 : 80)),
            protocol: target.protocol === 'http:' ? 'http' : 'https',
          }
        : {}),
    };
    this.client = key ? new Stripe(key, options) : null;
    // Verifying signatures needs no key of ours: a client for that alone.
    this.verifier = this.client ?? new Stripe('sk_test_signature_verification_only', options);
    this.webhookSecret = config.get('STRIPE_WEBHOOK_SECRET', { infer: true });
  }

  get configured(): boolean {
    return this.client !== null;
  }

  require(): Stripe {
    if (!this.client) {
      throw new PaymentsException(
        PaymentsErrorCode.CardPaymentUnavailable,
        'card payment is not configured on this platform (no Stripe key); pay by bank transfer',
      );
    }
    return this.client;
  }

  /** Verifies the signature on the raw body (and its timestamp, within 5 minutes) and parses the event. */
  constructEvent(rawBody: Buffer | undefined, signature: string | undefined): Stripe.Event {
    if (!this.webhookSecret) {
      throw new PaymentsException(
        PaymentsErrorCode.CardPaymentUnavailable,
        'Stripe webhooks are not configured',
      );
    }
    if (!rawBody || !signature) {
      throw new PaymentsException(
        PaymentsErrorCode.InvalidSignature,
        'a Stripe-Signature header and a body are required',
        [{ field: 'Stripe-Signature', message: 'is required' }],
      );
    }
    let event: Stripe.Event;
    try {
      event = this.verifier.webhooks.constructEvent(rawBody, signature, this.webhookSecret);
    } catch (error) {
      throw new PaymentsException(
        PaymentsErrorCode.InvalidSignature,
        `the webhook could not be verified: ${(error as Error).message}`,
        [{ field: 'Stripe-Signature', message: 'does not match the body, or is too old' }],
      );
    }
    // Signed is not well-formed: the event is stored by its id and type, which must be text.
    const shape = event as unknown as { id?: unknown; type?: unknown } | null;
    if (typeof shape?.id !== 'string' || typeof shape.type !== 'string') {
      throw new PaymentsException(
        PaymentsErrorCode.MalformedEvent,
        'the webhook body is not a Stripe event (an object with a text id and type)',
        [{ field: 'body', message: 'is not a Stripe event' }],
      );
    }
    return event;
  }
}

export function providerError(error: unknown): PaymentsException {
  const message = error instanceof Error ? error.message : String(error);
  return new PaymentsException(
    PaymentsErrorCode.ProviderError,
    `Stripe refused the request: ${message}`,
  );
}
