import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QueueModule } from '@mutualis/core';
import { createTestContext } from '@mutualis/testing';
import { NotificationsModule } from '../notifications.module';
import { DeliveryRepository, PlannedDelivery } from './delivery.repository';

describe('the delivery log', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let deliveries: DeliveryRepository;

  beforeAll(async () => {
    context = await createTestContext([QueueModule, NotificationsModule]);
    db = context.get(DataSource);
    deliveries = context.get(DeliveryRepository);
  });

  afterAll(async () => {
    await context.close();
  });

  function planned(eventKey: string, recipient: string): PlannedDelivery {
    return {
      eventKey,
      recipient,
      userId: null,
      template: 'payment-received',
      locale: 'fr',
      params: { invoiceNumber: 'F-2026-000001', amountCents: 100, remainingCents: 0 },
      attachments: [],
    };
  }

  it('never records the same event for the same recipient twice, however many plan it at once', async () => {
    const key = `test-event-${Date.now()}`;
    const messages = [
      planned(key, 'Compta@Example.org'),
      planned(key, 'compta@example.org'),
      planned(key, 'tresorier@example.org'),
    ];
    const results = await Promise.all(Array.from({ length: 8 }, () => deliveries.plan(messages)));
    const rows = await db.query<{ recipient: string; status: string }[]>(
      `SELECT recipient, status FROM notification_deliveries WHERE event_key = $1 ORDER BY recipient`,
      [key],
    );
    expect(rows).toEqual([
      { recipient: 'compta@example.org', status: 'pending' },
      { recipient: 'tresorier@example.org', status: 'pending' },
    ]);
    // Every caller sees the two pending messages (a replay re-queues what is still unsent).
    for (const result of results) expect(result).toHaveLength(2);

    // Once sent, a message is no longer offered: a replayed event sends nothing new.
    const sent = results[0].find((row) => row.recipient === 'compta@example.org')!;
    await db.transaction((manager) => deliveries.markSent(sent.id, 1, '<id@test>', manager));
    const replayed = await deliveries.plan(messages);
    expect(replayed.map((row) => row.recipient)).toEqual(['tresorier@example.org']);
  });

  it('refuses in the database a second row for one event and address, or an address not lower-cased', async () => {
    const key = `test-direct-${Date.now()}`;
    const insert = (recipient: string) =>
      db.query(
        `INSERT INTO notification_deliveries (event_key, recipient, template, locale, params)
         VALUES ($1, $2, 'payment-received', 'fr', '{}')`,
        [key, recipient],
      );
    await insert('a@example.org');
    await expect(insert('a@example.org')).rejects.toThrow(
      /notification_deliveries_event_recipient_key/,
    );
    await expect(insert('B@example.org')).rejects.toThrow(/check constraint/);
  });
});
