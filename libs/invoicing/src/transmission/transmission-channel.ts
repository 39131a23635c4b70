import type { BuyerSnapshot, InvoiceType } from '../invoicing.types';
import type { LifecycleFact, TransmissionChannel, TransmissionState } from './transmission.types';

/** The channel an invoice goes through, decided from its buyer as snapshotted at issue. */
export function channelFor(buyer: Pick<BuyerSnapshot, 'publicProcurement'>): TransmissionChannel {
  return buyer.publicProcurement ? 'chorus_pro' : 'email';
}

/** What an adapter is given of the invoice: its identity, its buyer, and its stored PDF. */
export interface TransmittedInvoice {
  invoiceId: string;
  number: string;
  type: InvoiceType;
  issueDate: string;
  buyer: BuyerSnapshot;
  /** The stored, checked PDF (the Factur-X once it is one): read only when it is sent. */
  document: () => Promise<{ fileName: string; content: Buffer }>;
}

/** What the platform knows of a transmission already under way. */
export interface TransmissionProgress {
  externalFlowId: string | null;
  externalInvoiceId: string | null;
  externalStatus: string | null;
}

/** Where a step left the transmission, and the statuses it learnt (each recorded once). */
export interface TransmissionStep extends Partial<TransmissionProgress> {
  state: TransmissionState;
  facts: LifecycleFact[];
}

/** The platform did not answer, or answered that it cannot now (5xx, 429, a timeout): retry later. */
export class ChannelUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChannelUnavailableError';
  }
}

/** The platform refused the request itself (a 4xx): asking again the same way cannot help. */
export class ChannelRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChannelRefusedError';
  }
}

/**
 * The transmission port: one adapter per channel hides how the invoice is carried and followed.
 * `send` is called once per transmission, under its row lock, so a redelivered job sends
 * nothing twice; `follow` as often as the schedule says, and answers what it learnt since.
 * An approved platform (PA) is one adapter more, registered in TransmissionChannels.
 */
export abstract class TransmissionChannelAdapter {
  abstract readonly channel: TransmissionChannel;
  /** False when its settings are missing: its invoices wait in `awaiting_configuration`. */
  abstract configured(): boolean;
  abstract send(invoice: TransmittedInvoice): Promise<TransmissionStep>;
  abstract follow(
    invoice: TransmittedInvoice,
    progress: TransmissionProgress,
  ): Promise<TransmissionStep>;
}
