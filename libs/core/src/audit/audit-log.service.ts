import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { KeysetPosition } from '../pagination/page';
import { AuditActor, currentAuditContext, SYSTEM_ACTOR } from './audit-context';

/** A JSON object of ids and business fields: never a person's name or e-mail (see the migration). */
export type AuditState = Record<string, unknown>;

/** One sensitive change, as a use case reports it. */
export interface AuditEntry {
  /** `entity.verb` in the past tense, e.g. `offering.published`, `membership.set`. */
  action: string;
  /** What changed, e.g. `offering`, `organisation`, `user`, `chambre`, `invoice`. */
  entityType: string;
  entityId: string;
  /** The changed fields as they were (null for a creation) and as they are (null for a removal). */
  before: AuditState | null;
  after: AuditState | null;
  /** Why, when the change carries a reason (a rejection, a credit note, an erasure request). */
  reason?: string | null;
  /** Other ids worth filtering on later (the job, the event, the organisation of a member). */
  context?: AuditState;
  /** Who acted, when not the current request's or job's actor (see runWithAuditContext). */
  actor?: AuditActor;
  requestId?: string | null;
}

export interface AuditRecord {
  id: string;
  occurredAt: Date;
  actorUserId: string | null;
  actorLabel: string;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: AuditState | null;
  after: AuditState | null;
  reason: string | null;
  context: AuditState;
}

export interface AuditQuery {
  actorUserId?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  /** The last entry of the previous page (newest first). */
  before: KeysetPosition | null;
  limit: number;
}

/**
 * The append-only record of sensitive changes. `record` writes in the caller's transaction, so
 * an entry exists if and only if the change it describes commits.
 */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('audit entries must be recorded inside the transaction of their change');
    }
    if (entry.before === null && entry.after === null) {
      throw new Error(`audit entry ${entry.action} says neither what was nor what is`);
    }
    const context = currentAuditContext();
    const actor = entry.actor ?? context?.actor ?? SYSTEM_ACTOR;
    const requestId =
      entry.requestId !== undefined ? entry.requestId : (context?.requestId ?? null);
    await manager.query(
      `INSERT INTO audit_log (actor_user_id, actor_label, request_id, action, entity_type, entity_id,
                              before, after, reason, context)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        actor.userId,
        actor.label,
        requestId,
        entry.action,
        entry.entityType,
        entry.entityId,
        json(entry.before),
        json(entry.after),
        entry.reason ?? null,
        JSON.stringify(entry.context ?? {}),
      ],
    );
  }

  /** Entries newest first, `limit + 1` of them so the caller knows whether another page exists. */
  async list(query: AuditQuery): Promise<AuditRecord[]> {
    const where: string[] = [];
    const parameters: unknown[] = [];
    const add = (condition: (placeholder: string) => string, value: unknown) => {
      parameters.push(value);
      where.push(condition(`$${parameters.length}`));
    };
    if (query.actorUserId) add((p) => `actor_user_id = ${p}`, query.actorUserId);
    if (query.entityType) add((p) => `entity_type = ${p}`, query.entityType);
    if (query.entityId) add((p) => `entity_id = ${p}`, query.entityId);
    if (query.action) add((p) => `action = ${p}`, query.action);
    if (query.from) add((p) => `occurred_at >= ${p}`, query.from);
    if (query.to) add((p) => `occurred_at < ${p}`, query.to);
    if (query.before) {
      parameters.push(query.before.createdAt, query.before.id);
      where.push(`(occurred_at, id) < ($${parameters.length - 1}, $${parameters.length})`);
    }
    parameters.push(query.limit + 1);
    const rows = await this.dataSource.query<AuditRow[]>(
      `SELECT id, occurred_at, actor_user_id, actor_label, request_id, action, entity_type,
              entity_id, before, after, reason, context
         FROM audit_log
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY occurred_at DESC, id DESC
        LIMIT $${parameters.length}`,
      parameters,
    );
    return rows.map(toRecord);
  }
}

/** The fields of `changes` whose value differs from `current`, as an entry's before and after. */
export function changedFields<T extends object>(
  current: T,
  changes: Partial<T>,
  fields: readonly (keyof T & string)[] = Object.keys(changes) as (keyof T & string)[],
): { before: AuditState; after: AuditState } | null {
  const before: AuditState = {};
  const after: AuditState = {};
  for (const field of fields) {
    if (!(field in changes) || changes[field] === undefined) continue;
    if (JSON.stringify(current[field]) === JSON.stringify(changes[field])) continue;
    before[field] = current[field] ?? null;
    after[field] = changes[field] ?? null;
  }
  return Object.keys(after).length > 0 ? { before, after } : null;
}

function json(state: AuditState | null): string | null {
  return state === null ? null : JSON.stringify(state);
}

interface AuditRow {
  id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_label: string;
  request_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: AuditState | null;
  after: AuditState | null;
  reason: string | null;
  context: AuditState;
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    actorUserId: row.actor_user_id,
    actorLabel: row.actor_label,
    requestId: row.request_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    reason: row.reason,
    context: row.context,
  };
}
