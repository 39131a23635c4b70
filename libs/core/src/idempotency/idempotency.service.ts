import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CoreErrorCode, CoreException } from '../errors/core.exception';

export interface IdempotentRequest {
  /** Who and what the key belongs to, e.g. `user:<id>:POST /bookings`: keys never cross callers. */
  scope: string;
  key: string;
  /** The request body; the same key with another body is refused. */
  body: unknown;
}

export interface IdempotentResponse<T> {
  status: number;
  body: T;
  /** True when this answers a replay with the first response. */
  replayed: boolean;
}

/** JSON with object keys sorted, so that field order does not make two bodies differ. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

/**
 * Runs an operation once per Idempotency-Key, inside the operation's own transaction: the key
 * is claimed by an insert that a concurrent request with the same key waits on, so replays —
 * even simultaneous ones — get the first response, and a failed first attempt leaves no trace.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Keys are honoured for a day, as clients retry within minutes; older ones are deleted. */
  async purgeExpired(hours = 24): Promise<number> {
    const [, deleted] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`,
      [hours],
    );
    return deleted;
  }

  async once<T>(
    manager: EntityManager,
    request: IdempotentRequest,
    operation: () => Promise<{ status: number; body: T }>,
  ): Promise<IdempotentResponse<T>> {
    const hash = requestHash(request.body);
    const claimed = await manager.query<{ id: string }[]>(
      `INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body)
       VALUES ($1, $2, $3, 0, 'null')
       ON CONFLICT (scope, key) DO NOTHING
       RETURNING id`,
      [request.scope, request.key, hash],
    );
    if (claimed.length === 0) {
      const [stored] = await manager.query<
        { request_hash: string; response_status: number; response_body: T }[]
      >(
        `SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2`,
        [request.scope, request.key],
      );
      if (stored.request_hash !== hash) {
        throw new CoreException(
          CoreErrorCode.IdempotencyKeyReused,
          'this Idempotency-Key was already used with a different request body; use a new key for a new request',
        );
      }
      return { status: stored.response_status, body: stored.response_body, replayed: true };
    }
    const result = await operation();
    await manager.query(
      `UPDATE idempotency_keys SET response_status = $2, response_body = $3 WHERE id = $1`,
      [claimed[0].id, result.status, JSON.stringify(result.body)],
    );
    return { ...result, replayed: false };
  }
}
