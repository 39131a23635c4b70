import type { components } from '../../api/schema';
import type { BadgeTone } from '../../components/StatusBadge';

export type InvoiceTransmission = components['schemas']['InvoiceTransmissionDto'];
export type TransmissionListItem = components['schemas']['InvoiceTransmissionListItemDto'];
export type TransmissionState = InvoiceTransmission['state'];
export type TransmissionChannel = InvoiceTransmission['channel'];
export type LifecycleStatus = InvoiceTransmission['lifecycle'][number]['status'];

export const TRANSMISSION_STATES: readonly TransmissionState[] = [
  'pending',
  'awaiting_configuration',
  'submitted',
  'processing',
  'rejected',
  'completed',
  'failed',
  'delegated',
];

export const TRANSMISSION_CHANNELS: readonly TransmissionChannel[] = ['chorus_pro', 'email', 'pa'];

/** Rejected or refused needs someone; waiting or retrying is worth a look; done is fine. */
export const STATE_TONES: Record<TransmissionState, BadgeTone> = {
  pending: 'warn',
  awaiting_configuration: 'warn',
  submitted: 'neutral',
  processing: 'neutral',
  rejected: 'danger',
  completed: 'ok',
  failed: 'danger',
  delegated: 'ok',
};

export const STATUS_TONES: Record<LifecycleStatus, BadgeTone> = {
  issued: 'neutral',
  deposited: 'neutral',
  made_available: 'neutral',
  suspended: 'warn',
  completed: 'neutral',
  rejected: 'danger',
  approved: 'ok',
  paid: 'ok',
  collected: 'ok',
};

/**
 * A rejected invoice is never sent again: it is corrected by a credit note, then a new invoice.
 * A credit note, or an invoice already fully credited, has nothing left to correct.
 */
export function needsCorrection(
  transmission: Pick<InvoiceTransmission, 'state'>,
  invoice: { type: 'invoice' | 'credit_note'; status: string },
): boolean {
  return (
    transmission.state === 'rejected' &&
    invoice.type === 'invoice' &&
    invoice.status !== 'cancelled'
  );
}

/** The list's query from the page's search parameters: Chorus Pro unless told otherwise. */
export function transmissionFilters(params: URLSearchParams): {
  channel: TransmissionChannel | '';
  state: TransmissionState | '';
} {
  const channel = params.get('channel');
  const state = params.get('state');
  return {
    channel:
      channel === null
        ? 'chorus_pro'
        : TRANSMISSION_CHANNELS.includes(channel as TransmissionChannel)
          ? (channel as TransmissionChannel)
          : '',
    state: TRANSMISSION_STATES.includes(state as TransmissionState)
      ? (state as TransmissionState)
      : '',
  };
}
