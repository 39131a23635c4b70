import { INestApplication } from '@nestjs/common';
import Stripe from 'stripe';
import request from 'supertest';

// Signing needs no account: any key makes a client whose helper signs like Stripe does.
const signer = new Stripe('sk_test_webhook_signer');

/** Delivers an event to the api's webhook as Stripe would: signed on the exact bytes sent. */
export function deliverStripeEvent(
  app: INestApplication,
  event: object,
  options: { secret: string; timestamp?: number },
): request.Test {
  const payload = JSON.stringify(event);
  const signature = signer.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret,
    timestamp: options.timestamp,
  });
  return request(app.getHttpServer())
    .post('/api/webhooks/stripe')
    .set('Content-Type', 'application/json')
    .set('Stripe-Signature', signature)
    .send(payload);
}
