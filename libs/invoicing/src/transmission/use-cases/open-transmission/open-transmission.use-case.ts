import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvoiceRepository } from '../../../repositories/invoice.repository';
import { InvoiceTransmissionRepository } from '../../invoice-transmission.repository';
import { channelFor } from '../../transmission-channel';
import {
  AdvanceOutcome,
  AdvanceTransmissionUseCase,
} from '../advance-transmission/advance-transmission.use-case';

export type OpenOutcome = 'not_issued' | AdvanceOutcome;

/**
 * An invoice or credit note was issued: its transmission is opened on the channel its buyer
 * calls for (Chorus Pro for a public buyer, e-mail otherwise), its `issued` status recorded at
 * its issue time, and its first step taken. A redelivered event finds both recorded and the
 * first step taken (the step's job is "stale"): it sends nothing twice.
 */
@Injectable()
export class OpenTransmissionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invoices: InvoiceRepository,
    private readonly transmissions: InvoiceTransmissionRepository,
    private readonly advance: AdvanceTransmissionUseCase,
  ) {}

  async execute(invoiceId: string): Promise<OpenOutcome> {
    const invoice = await this.invoices.findById(invoiceId);
    if (!invoice || invoice.status === 'draft' || !invoice.issuedAt) return 'not_issued';
    await this.dataSource.transaction(async (manager) => {
      await this.transmissions.open(
        { invoiceId, channel: channelFor(invoice.buyer), state: 'pending' },
        manager,
      );
      await this.transmissions.append(
        invoiceId,
        [
          {
            status: 'issued',
            occurredAt: invoice.issuedAt!,
            reason: null,
            source: 'mutualis',
            key: 'issued',
          },
        ],
        manager,
      );
    });
    return this.advance.execute(invoiceId, 0);
  }
}
