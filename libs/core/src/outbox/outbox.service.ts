import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EventPayload, OutboxEvent } from './outbox-event.entity';

export interface DomainEvent {
  /** `context.fact`, e.g. `booking.confirmed`; routed by EVENT_ROUTES. */
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload?: EventPayload;
  /** For scheduled work: not delivered before this instant. */
  deliverAt?: Date;
}

/** Records events in the caller's transaction: they exist if and only if the change commits. */
@Injectable()
export class OutboxService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Deletes events published more than `days` ago (they stay a while for investigations). */
  async purgePublished(days: number): Promise<number> {
    const [, deleted] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM outbox_events WHERE published_at < now() - make_interval(days => $1)`,
      [days],
    );
    return deleted;
  }

  async record(manager: EntityManager, ...events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(
        'outbox events must be recorded inside the transaction of the change they announce',
      );
    }
    const rows = events.map((event) =>
      manager.create(OutboxEvent, {
        type: event.type,
        aggregateType: event.aggregateType,
        aggregateId: event.aggregateId,
        payload: event.payload ?? {},
        deliverAt: event.deliverAt ?? null,
      }),
    );
    await manager.insert(OutboxEvent, rows);
  }
}
