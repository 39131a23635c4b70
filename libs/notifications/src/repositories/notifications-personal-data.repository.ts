import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { jsonTextPatterns } from '@mutualis/core';

export interface NotificationsPersonalData {
  /** Optional mail the person chose (no row: the defaults). */
  preferences: { sessionReminders: boolean; updatedAt: Date | null };
  /** Messages addressed to them, with the data they were rendered from while it is kept. */
  deliveries: {
    id: string;
    template: string;
    recipient: string;
    locale: string;
    status: string;
    createdAt: Date;
    sentAt: Date | null;
    params: Record<string, unknown>;
  }[];
}

// Per row, so the log's (event, recipient) uniqueness holds whatever the person received.
const ERASED_RECIPIENT = `'erased-' || id || '@erased.invalid'`;

/**
 * Notifications' part of the personal-data register: the person's messages and preferences
 * for their export, their erasure, and the retention of rendered data.
 */
@Injectable()
export class NotificationsPersonalDataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async exportOf(userId: string, email: string): Promise<NotificationsPersonalData> {
    const [[preference], deliveries] = await Promise.all([
      this.dataSource.query<{ sessionReminders: boolean; updatedAt: Date }[]>(
        `SELECT session_reminders AS "sessionReminders", updated_at AS "updatedAt"
           FROM notification_preferences WHERE user_id = $1`,
        [userId],
      ),
      this.dataSource.query<NotificationsPersonalData['deliveries']>(
        `SELECT id, template, recipient, locale, status, created_at AS "createdAt", sent_at AS "sentAt", params
           FROM notification_deliveries
          WHERE user_id = $1 OR recipient = lower($2)
          ORDER BY created_at, id`,
        [userId, email],
      ),
    ]);
    return {
      preferences: preference ?? { sessionReminders: true, updatedAt: null },
      deliveries,
    };
  }

  /**
   * In the erasure's transaction: messages to the person get a placeholder address and lose
   * their rendered data (those not sent yet are skipped, never sent); messages to others that
   * quote them (a booking confirmation naming attendees, an attendee list) lose their rendered
   * data; their preferences go. The log rows stay, as the trace of what was sent when.
   */
  async erase(
    manager: EntityManager,
    userId: string,
    email: string,
    strings: readonly string[],
  ): Promise<number> {
    const [, addressed] = await manager.query<[unknown, number]>(
      `UPDATE notification_deliveries
          SET recipient = ${ERASED_RECIPIENT}, params = '{}', last_error = NULL,
              status = CASE WHEN status IN ('pending', 'failed') THEN 'skipped' ELSE status END,
              data_purged_at = now(), updated_at = now()
        WHERE user_id = $1 OR recipient = lower($2)`,
      [userId, email],
    );
    const patterns = jsonTextPatterns(strings);
    const [, quoting] =
      patterns.length === 0
        ? [null, 0]
        : await manager.query<[unknown, number]>(
            `UPDATE notification_deliveries
                SET params = '{}', last_error = NULL,
                    status = CASE WHEN status IN ('pending', 'failed') THEN 'skipped' ELSE status END,
                    data_purged_at = now(), updated_at = now()
              WHERE params::text ILIKE ANY($1) OR last_error ILIKE ANY($1)`,
            [patterns],
          );
    await manager.query(`DELETE FROM notification_preferences WHERE user_id = $1`, [userId]);
    return addressed + quoting;
  }

  /**
   * Retention: the rendered data of messages sent before the cutoff is dropped (the row stays:
   * who was sent what, when), in batches; what is done is skipped (partial index).
   */
  async purgeRenderedDataSentBefore(cutoff: Date, batchSize = 5_000): Promise<number> {
    let total = 0;
    for (;;) {
      const [, count] = await this.dataSource.query<[unknown, number]>(
        `UPDATE notification_deliveries SET params = '{}', data_purged_at = now()
          WHERE id IN (SELECT id FROM notification_deliveries
                        WHERE sent_at < $1 AND data_purged_at IS NULL LIMIT $2)`,
        [cutoff, batchSize],
      );
      total += count;
      if (count < batchSize) return total;
    }
  }
}
