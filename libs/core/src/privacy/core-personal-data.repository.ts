import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { jsonTextPatterns, scrubJsonbColumn, scrubTextColumn } from './personal-strings';

/**
 * The platform's own stores that may quote a person: outbox event payloads (and their last
 * errors) and the responses kept for Idempotency-Key replays.
 */
@Injectable()
export class CorePersonalDataRepository {
  /** Scrubs the person's strings in the erasure's transaction; returns rows changed. */
  async erase(manager: EntityManager, strings: readonly string[], placeholder: string) {
    const events =
      (await scrubJsonbColumn(manager, 'outbox_events', 'payload', strings, placeholder)) +
      (await scrubTextColumn(manager, 'outbox_events', 'last_error', strings, placeholder));
    // A stored response is only there to answer a replay within a day: forgetting it is safe
    // (a replay then runs again and meets the booking's own uniqueness rules).
    const patterns = jsonTextPatterns(strings);
    const [, idempotencyKeys] =
      patterns.length === 0
        ? [null, 0]
        : await manager.query<[unknown, number]>(
            `DELETE FROM idempotency_keys WHERE response_body::text ILIKE ANY($1)`,
            [patterns],
          );
    return { events, idempotencyKeys };
  }
}
