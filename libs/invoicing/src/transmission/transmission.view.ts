import type { InvoiceType } from '../invoicing.types';
import type { LifecycleEventRecord, TransmissionListRow } from './invoice-transmission.repository';
import type {
  LifecycleSource,
  LifecycleStatus,
  TransmissionChannel,
  TransmissionState,
} from './transmission.types';

export interface LifecycleEventView {
  status: LifecycleStatus;
  occurredAt: string;
  reason: string | null;
  source: LifecycleSource;
}

/** An invoice's transmission and lifecycle. What went wrong on our side is for the staff only. */
export interface InvoiceTransmissionView {
  invoiceId: string;
  channel: TransmissionChannel;
  state: TransmissionState;
  /** The platform's own status, as it says it (Chorus Pro: DEPOSEE, MISE_A_DISPOSITION…). */
  externalStatus: string | null;
  lastStatusAt: string | null;
  /** Staff only (null for members): our side's last error, retries, and the next attempt. */
  lastError: string | null;
  attempts: number | null;
  nextAttemptAt: string | null;
  lifecycle: LifecycleEventView[];
}

/** A row of the finance list of transmissions. */
export interface InvoiceTransmissionListItemView {
  invoiceId: string;
  invoiceNumber: string | null;
  invoiceType: InvoiceType;
  organisationId: string;
  buyerName: string;
  totalInclVatCents: number;
  channel: TransmissionChannel;
  state: TransmissionState;
  externalStatus: string | null;
  /** The latest status of the lifecycle and when it happened. */
  lastStatus: LifecycleStatus | null;
  lastStatusAt: string | null;
  /** The reason given by the latest rejection. */
  rejectionReason: string | null;
  lastError: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
}

export function presentLifecycle(events: LifecycleEventRecord[]): LifecycleEventView[] {
  return events.map((event) => ({
    status: event.status,
    occurredAt: event.occurredAt.toISOString(),
    reason: event.reason,
    source: event.source,
  }));
}

export function presentTransmissionRow(row: TransmissionListRow): InvoiceTransmissionListItemView {
  return {
    invoiceId: row.invoiceId,
    invoiceNumber: row.invoiceNumber,
    invoiceType: row.invoiceType,
    organisationId: row.organisationId,
    buyerName: row.buyerName,
    totalInclVatCents: row.totalInclVatCents,
    channel: row.channel,
    state: row.state,
    externalStatus: row.externalStatus,
    lastStatus: row.lastStatus,
    lastStatusAt: row.lastStatusOccurredAt?.toISOString() ?? null,
    rejectionReason: row.rejectionReason,
    lastError: row.lastError,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
