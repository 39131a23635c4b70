import { Injectable } from '@nestjs/common';
import type { InvoiceStatus } from '../../../invoicing.types';
import { InvoiceTransmissionRepository } from '../../invoice-transmission.repository';

export type CollectionOutcome = 'collected' | 'already_collected' | 'not_settled';

/**
 * « Encaissée » (the reform's status 212, which services must report): recorded when a payment
 * settles the invoice, whatever channel carried it, at the time the payment was received. Once
 * per payment, so a redelivered event records nothing more.
 */
@Injectable()
export class RecordCollectionUseCase {
  constructor(private readonly transmissions: InvoiceTransmissionRepository) {}

  async execute(
    invoiceId: string,
    payment: { paymentId: string; status: InvoiceStatus },
  ): Promise<CollectionOutcome> {
    if (payment.status !== 'paid') return 'not_settled';
    return (await this.transmissions.recordCollected(invoiceId, payment.paymentId))
      ? 'collected'
      : 'already_collected';
  }
}
