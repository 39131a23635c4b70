import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { centsFromRow, KeysetPosition } from '@mutualis/core';
import type { InvoiceType } from '../invoicing.types';
import type {
  LifecycleFact,
  LifecycleSource,
  LifecycleStatus,
  TransmissionChannel,
  TransmissionState,
} from './transmission.types';
import { OPEN_TRANSMISSION_STATES } from './transmission.types';

/** A transmission as stored. */
export interface TransmissionRecord {
  invoiceId: string;
  channel: TransmissionChannel;
  state: TransmissionState;
  externalFlowId: string | null;
  externalInvoiceId: string | null;
  externalStatus: string | null;
  attempts: number;
  steps: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  lastStatusAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a step may change of a transmission. */
export type TransmissionChanges = Partial<
  Pick<
    TransmissionRecord,
    | 'state'
    | 'externalFlowId'
    | 'externalInvoiceId'
    | 'externalStatus'
    | 'attempts'
    | 'steps'
    | 'nextAttemptAt'
    | 'lastError'
    | 'lastStatusAt'
  >
>;

export interface LifecycleEventRecord {
  status: LifecycleStatus;
  occurredAt: Date;
  reason: string | null;
  source: LifecycleSource;
}

/** A row of the finance list: the transmission with what identifies its invoice. */
export interface TransmissionListRow extends TransmissionRecord {
  invoiceNumber: string | null;
  invoiceType: InvoiceType;
  organisationId: string;
  buyerName: string;
  totalInclVatCents: number;
  /** The latest lifecycle status and its time. */
  lastStatus: LifecycleStatus | null;
  lastStatusOccurredAt: Date | null;
  /** The reason of the latest rejection, if any. */
  rejectionReason: string | null;
}

export interface TransmissionListQuery {
  channels?: TransmissionChannel[];
  states?: TransmissionState[];
  after: KeysetPosition | null;
  limit: number;
}

interface TransmissionRow {
  invoice_id: string;
  channel: TransmissionChannel;
  state: TransmissionState;
  external_flow_id: string | null;
  external_invoice_id: string | null;
  external_status: string | null;
  attempts: number;
  steps: number;
  next_attempt_at: Date | null;
  last_error: string | null;
  last_status_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `t.invoice_id, t.channel, t.state, t.external_flow_id, t.external_invoice_id,
  t.external_status, t.attempts, t.steps, t.next_attempt_at, t.last_error, t.last_status_at,
  t.created_at, t.updated_at`;

const CHANGE_COLUMNS: Record<keyof TransmissionChanges, string> = {
  state: 'state',
  externalFlowId: 'external_flow_id',
  externalInvoiceId: 'external_invoice_id',
  externalStatus: 'external_status',
  attempts: 'attempts',
  steps: 'steps',
  nextAttemptAt: 'next_attempt_at',
  lastError: 'last_error',
  lastStatusAt: 'last_status_at',
};

function toRecord(row: TransmissionRow): TransmissionRecord {
  return {
    invoiceId: row.invoice_id,
    channel: row.channel,
    state: row.state,
    externalFlowId: row.external_flow_id,
    externalInvoiceId: row.external_invoice_id,
    externalStatus: row.external_status,
    attempts: row.attempts,
    steps: row.steps,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    lastStatusAt: row.last_status_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Transmissions and lifecycle events: the invoicing context's own tables. */
@Injectable()
export class InvoiceTransmissionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Creates the transmission unless it exists; true when this call created it. */
  async open(
    transmission: { invoiceId: string; channel: TransmissionChannel; state: TransmissionState },
    manager: EntityManager,
  ): Promise<boolean> {
    const rows = await manager.query<{ invoice_id: string }[]>(
      `INSERT INTO invoice_transmissions (invoice_id, channel, state)
       VALUES ($1, $2, $3) ON CONFLICT (invoice_id) DO NOTHING RETURNING invoice_id`,
      [transmission.invoiceId, transmission.channel, transmission.state],
    );
    return rows.length > 0;
  }

  /**
   * Opens the transmission of a document being issued, with its `issued` status at its issue
   * time, in one statement of the issuing transaction: no document is issued without one.
   */
  async openIssued(
    opened: {
      invoiceId: string;
      channel: TransmissionChannel;
      state: TransmissionState;
      issuedAt: Date;
      nextAttemptAt: Date | null;
    },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `WITH opened AS (
         INSERT INTO invoice_transmissions (invoice_id, channel, state, next_attempt_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (invoice_id) DO NOTHING RETURNING invoice_id)
       INSERT INTO invoice_lifecycle_events (invoice_id, status, occurred_at, source, dedupe_key)
       SELECT invoice_id, 'issued', $5, 'mutualis', 'issued' FROM opened`,
      [opened.invoiceId, opened.channel, opened.state, opened.nextAttemptAt, opened.issuedAt],
    );
  }

  async findByInvoice(
    invoiceId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TransmissionRecord | null> {
    const rows = await manager.query<TransmissionRow[]>(
      `SELECT ${COLUMNS} FROM invoice_transmissions t WHERE t.invoice_id = $1`,
      [invoiceId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** The transmission, locked until the caller's transaction ends: one step at a time. */
  async lock(invoiceId: string, manager: EntityManager): Promise<TransmissionRecord | null> {
    const rows = await manager.query<TransmissionRow[]>(
      `SELECT ${COLUMNS} FROM invoice_transmissions t WHERE t.invoice_id = $1 FOR UPDATE`,
      [invoiceId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async update(
    invoiceId: string,
    changes: TransmissionChanges,
    manager: EntityManager,
  ): Promise<void> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as [
      keyof TransmissionChanges,
      unknown,
    ][];
    if (entries.length === 0) return;
    const sets = entries.map(([key], index) => `${CHANGE_COLUMNS[key]} = $${index + 2}`);
    await manager.query(
      `UPDATE invoice_transmissions SET ${sets.join(', ')}, updated_at = now() WHERE invoice_id = $1`,
      [invoiceId, ...entries.map(([, value]) => value)],
    );
  }

  /** Records the facts not recorded yet (by their key); answers those it recorded. */
  async append(
    invoiceId: string,
    facts: LifecycleFact[],
    manager: EntityManager,
  ): Promise<LifecycleFact[]> {
    const recorded: LifecycleFact[] = [];
    for (const fact of facts) {
      const rows = await manager.query<{ id: string }[]>(
        `INSERT INTO invoice_lifecycle_events (invoice_id, status, occurred_at, reason, source, dedupe_key)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT ON CONSTRAINT invoice_lifecycle_events_once DO NOTHING RETURNING id`,
        [invoiceId, fact.status, fact.occurredAt, fact.reason, fact.source, fact.key],
      );
      if (rows.length > 0) recorded.push(fact);
    }
    return recorded;
  }

  /**
   * « Encaissée »: the payment that settled the invoice, at the time it was received. Once per
   * payment (a payment reversed and another one settling it again is a second collection).
   */
  async recordCollected(invoiceId: string, paymentId: string): Promise<boolean> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO invoice_lifecycle_events (invoice_id, status, occurred_at, source, dedupe_key)
       SELECT p.invoice_id, 'collected', p.received_at, 'mutualis', 'collected:' || p.id
         FROM invoice_payments p WHERE p.id = $2 AND p.invoice_id = $1
       ON CONFLICT ON CONSTRAINT invoice_lifecycle_events_once DO NOTHING RETURNING id`,
      [invoiceId, paymentId],
    );
    return rows.length > 0;
  }

  async lifecycleOf(invoiceId: string): Promise<LifecycleEventRecord[]> {
    const rows = await this.dataSource.query<
      {
        status: LifecycleStatus;
        occurred_at: Date;
        reason: string | null;
        source: LifecycleSource;
      }[]
    >(
      `SELECT status, occurred_at, reason, source FROM invoice_lifecycle_events
        WHERE invoice_id = $1 ORDER BY occurred_at, recorded_at, id`,
      [invoiceId],
    );
    return rows.map((row) => ({
      status: row.status,
      occurredAt: row.occurred_at,
      reason: row.reason,
      source: row.source,
    }));
  }

  /** Open transmissions whose next step is due before `before` and whose job may have been lost. */
  async due(before: Date, limit: number): Promise<TransmissionRecord[]> {
    const rows = await this.dataSource.query<TransmissionRow[]>(
      `SELECT ${COLUMNS} FROM invoice_transmissions t
        WHERE t.state = ANY($1) AND (t.next_attempt_at IS NULL OR t.next_attempt_at <= $2)
        ORDER BY t.next_attempt_at NULLS FIRST LIMIT $3`,
      [OPEN_TRANSMISSION_STATES, before, limit],
    );
    return rows.map(toRecord);
  }

  /** The finance list: newest first, filtered by channel and state. */
  async list(query: TransmissionListQuery): Promise<TransmissionListRow[]> {
    const rows = await this.dataSource.query<
      (TransmissionRow & {
        number: string | null;
        type: InvoiceType;
        organisation_id: string;
        buyer_name: string;
        total_incl_vat_cents: string;
        last_status: LifecycleStatus | null;
        last_status_occurred_at: Date | null;
        rejection_reason: string | null;
      })[]
    >(
      `SELECT ${COLUMNS}, i.number, i.type, i.organisation_id, i.buyer ->> 'name' AS buyer_name,
              i.total_incl_vat_cents, latest.status AS last_status,
              latest.occurred_at AS last_status_occurred_at, rejection.reason AS rejection_reason
         FROM invoice_transmissions t
         JOIN invoices i ON i.id = t.invoice_id
         LEFT JOIN LATERAL (
           SELECT e.status, e.occurred_at FROM invoice_lifecycle_events e
            WHERE e.invoice_id = t.invoice_id ORDER BY e.occurred_at DESC, e.recorded_at DESC LIMIT 1
         ) latest ON true
         LEFT JOIN LATERAL (
           SELECT e.reason FROM invoice_lifecycle_events e
            WHERE e.invoice_id = t.invoice_id AND e.status = 'rejected'
            ORDER BY e.occurred_at DESC LIMIT 1
         ) rejection ON true
        WHERE ($1::text[] IS NULL OR t.channel = ANY($1))
          AND ($2::text[] IS NULL OR t.state = ANY($2))
          AND ($3::timestamptz IS NULL OR (t.created_at, t.invoice_id) < ($3, $4::uuid))
        ORDER BY t.created_at DESC, t.invoice_id DESC
        LIMIT $5`,
      [
        query.channels?.length ? query.channels : null,
        query.states?.length ? query.states : null,
        query.after?.createdAt ?? null,
        query.after?.id ?? null,
        query.limit + 1,
      ],
    );
    return rows.map((row) => ({
      ...toRecord(row),
      invoiceNumber: row.number,
      invoiceType: row.type,
      organisationId: row.organisation_id,
      buyerName: row.buyer_name,
      totalInclVatCents: centsFromRow(row.total_incl_vat_cents),
      lastStatus: row.last_status,
      lastStatusOccurredAt: row.last_status_occurred_at,
      rejectionReason: row.rejection_reason,
    }));
  }
}
