import { Injectable } from '@nestjs/common';
import {
  TransmissionChannelAdapter,
  TransmissionStep,
  TransmittedInvoice,
} from './transmission-channel';

/**
 * A private buyer's invoice goes as the PDF attached to an e-mail, which the notifications
 * context sends on `invoice.issued` (it depends on invoicing, not the reverse): the transmission
 * is handed over to it and has nothing to follow.
 */
@Injectable()
export class EmailChannelAdapter extends TransmissionChannelAdapter {
  readonly channel = 'email' as const;

  configured(): boolean {
    return true;
  }

  send(_invoice: TransmittedInvoice): Promise<TransmissionStep> {
    return Promise.resolve({ state: 'delegated', facts: [] });
  }

  follow(): Promise<TransmissionStep> {
    return Promise.resolve({ state: 'delegated', facts: [] });
  }
}
