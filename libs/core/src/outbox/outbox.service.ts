import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DomainEvent } from '../events/catalogue';
import { OutboxEvent } from './outbox-event.entity';

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

  /** Only the catalogue's events, each with its own payload type (see EventCatalogue). */
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
