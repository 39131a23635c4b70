import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  AttachmentRef,
  DeliveryStatus,
  NotificationDelivery,
} from '../entities/notification-delivery.entity';
import type { MailLocale, TemplateName } from '../templates/template-data';

export interface PlannedDelivery {
  eventKey: string;
  recipient: string;
  userId: string | null;
  template: TemplateName;
  locale: MailLocale;
  params: object;
  attachments: AttachmentRef[];
}

export interface DeliveryListQuery {
  statuses?: DeliveryStatus[];
  recipient?: string;
  limit: number;
  /** Keyset cursor: the last row of the previous page. */
  after?: { createdAt: Date; id: string };
}

/** The delivery log: one row per (event, recipient), written before anything is sent. */
@Injectable()
export class DeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records planned messages, once per (event, recipient), and returns those still to send:
   * the new ones and any earlier one still pending (its job may have been lost). Messages
   * already sent, failed or skipped are left alone, so a replayed event sends nothing new.
   */
  async plan(planned: PlannedDelivery[]): Promise<NotificationDelivery[]> {
    if (planned.length === 0) return [];
    const rows = planned.map((message) => ({
      ...message,
      recipient: message.recipient.toLowerCase(),
    }));
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(NotificationDelivery)
      .values(
        rows.map((row) => ({
          eventKey: row.eventKey,
          recipient: row.recipient,
          userId: row.userId,
          template: row.template,
          locale: row.locale,
          params: row.params as Record<string, unknown>,
          attachments: row.attachments,
          status: 'pending' as const,
          attempts: 0,
        })) as QueryDeepPartialEntity<NotificationDelivery>[],
      )
      .orIgnore()
      .execute();
    const wanted = new Set(rows.map((row) => `${row.eventKey} ${row.recipient}`));
    const pending = await this.dataSource.manager
      .createQueryBuilder(NotificationDelivery, 'delivery')
      .where('delivery.status = :status', { status: 'pending' })
      .andWhere('delivery.eventKey IN (:...keys)', {
        keys: [...new Set(rows.map((row) => row.eventKey))],
      })
      .getMany();
    return pending.filter((row) => wanted.has(`${row.eventKey} ${row.recipient}`));
  }

  findById(id: string): Promise<NotificationDelivery | null> {
    return this.dataSource.manager.findOne(NotificationDelivery, { where: { id } });
  }

  /** Locks a pending delivery for sending; null if it is done or another worker holds it. */
  async lockPending(id: string, manager: EntityManager): Promise<NotificationDelivery | null> {
    return manager
      .createQueryBuilder(NotificationDelivery, 'delivery')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('delivery.id = :id', { id })
      .andWhere('delivery.status = :status', { status: 'pending' })
      .getOne();
  }

  markSent(id: string, attempts: number, smtpMessageId: string, manager: EntityManager) {
    return manager.update(
      NotificationDelivery,
      { id },
      { status: 'sent', attempts, smtpMessageId, sentAt: () => 'now()', lastError: null },
    );
  }

  markAttemptFailed(
    id: string,
    attempts: number,
    error: string,
    final: boolean,
    manager: EntityManager,
  ) {
    return manager.update(
      NotificationDelivery,
      { id },
      { attempts, lastError: error.slice(0, 2_000), status: final ? 'failed' : 'pending' },
    );
  }

  markSkipped(id: string, reason: string, manager: EntityManager) {
    return manager.update(NotificationDelivery, { id }, { status: 'skipped', lastError: reason });
  }

  /** Puts a failed message back in line, keeping its attempts and last error for the record. */
  async requeueFailed(id: string): Promise<NotificationDelivery | null> {
    const result = await this.dataSource.manager.update(
      NotificationDelivery,
      { id, status: 'failed' },
      { status: 'pending' },
    );
    return result.affected === 1 ? this.findById(id) : null;
  }

  /** Pending deliveries untouched for a while: their job may be gone (Redis lost it). */
  async stalePending(olderThanMinutes: number, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM notification_deliveries
       WHERE status = 'pending' AND updated_at < now() - make_interval(mins => $1)
       ORDER BY created_at, id LIMIT $2`,
      [olderThanMinutes, limit],
    );
    return rows.map((row) => row.id);
  }

  list(query: DeliveryListQuery): Promise<NotificationDelivery[]> {
    const builder = this.dataSource.manager
      .createQueryBuilder(NotificationDelivery, 'delivery')
      .orderBy('delivery.createdAt', 'DESC')
      .addOrderBy('delivery.id', 'DESC')
      .take(query.limit);
    if (query.statuses?.length) {
      builder.andWhere('delivery.status IN (:...statuses)', { statuses: query.statuses });
    }
    if (query.recipient) {
      builder.andWhere('delivery.recipient = :recipient', {
        recipient: query.recipient.toLowerCase(),
      });
    }
    if (query.after) {
      builder.andWhere('(delivery.createdAt, delivery.id) < (:createdAt, :id)', query.after);
    }
    return builder.getMany();
  }
}
