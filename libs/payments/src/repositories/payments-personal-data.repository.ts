import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { scrubJsonbColumn, scrubTextColumn } from '@mutualis/core';

/**
 * Payments' part of erasure. Stripe's events are kept as received, and Checkout puts the
 * address the payer typed (customer_details.email, name) in them: our copy loses those strings.
 * Stripe keeps its own (it is a processor with its own obligations); payments rows hold ids
 * and amounts only.
 */
@Injectable()
export class PaymentsPersonalDataRepository {
  async erase(manager: EntityManager, strings: readonly string[], placeholder: string) {
    const events = await scrubJsonbColumn(
      manager,
      'stripe_events',
      'payload',
      strings,
      placeholder,
    );
    const failures = await scrubTextColumn(
      manager,
      'payments',
      'failure_reason',
      strings,
      placeholder,
    );
    return { stripeEvents: events, payments: failures };
  }
}
