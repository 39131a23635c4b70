import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxService } from '@mutualis/core';
import { StripeRecordRepository } from '../../repositories/stripe-record.repository';
import { StripeGateway } from '../../services/stripe-gateway';
import { PaymentsEvents } from '../../payments.events';

/**
 * The webhook's whole job: verify the signature on the raw body, store the event once by its
 * id, and hand it to the worker through the outbox. A replay finds it stored and does nothing.
 */
@Injectable()
export class ReceiveStripeEventUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: StripeRecordRepository,
    private readonly stripe: StripeGateway,
    private readonly outbox: OutboxService,
  ) {}

  async execute(
    rawBody: Buffer | undefined,
    signature: string | undefined,
  ): Promise<{ received: true; duplicate: boolean }> {
    const event = this.stripe.constructEvent(rawBody, signature);
    return this.dataSource.transaction(async (manager) => {
      const stored = await this.records.insertEventOnce(
        { id: event.id, type: event.type, payload: event },
        manager,
      );
      if (!stored) return { received: true, duplicate: true };
      await this.outbox.record(manager, {
        type: PaymentsEvents.StripeEventReceived,
        aggregateType: 'stripe_event',
        aggregateId: randomUUID(),
        payload: { stripeEventId: event.id, stripeType: event.type },
      });
      return { received: true, duplicate: false };
    });
  }
}
