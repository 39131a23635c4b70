import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestContext } from '@mutualis/testing';
import { runWithAuditContext } from './audit-context';
import { AuditLog } from './audit-log.service';
import { AuditModule } from './audit.module';

describe('AuditLog', () => {
  let context: INestApplicationContext;
  let audit: AuditLog;
  let db: DataSource;

  beforeAll(async () => {
    context = await createTestContext([AuditModule]);
    audit = context.get(AuditLog);
    db = context.get(DataSource);
  });

  afterAll(async () => {
    await context.close();
  });

  const entry = (entityId: string) => ({
    action: 'offering.published',
    entityType: 'offering',
    entityId,
    before: { status: 'submitted' },
    after: { status: 'published' },
  });

  it('writes an entry only inside the transaction of its change, and only if it commits', async () => {
    const entityId = randomUUID();
    await expect(audit.record(db.manager, entry(entityId))).rejects.toThrow(/transaction/);
    await expect(
      db.transaction(async (manager) => {
        await audit.record(manager, entry(entityId));
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    expect(await audit.list({ entityId, before: null, limit: 10 })).toEqual([]);
  });

  it('takes the actor and request id of the current context, or the system’s, unless told', async () => {
    const entityId = randomUUID();
    const userId = randomUUID();
    await runWithAuditContext(
      { requestId: 'req-12345678', actor: { userId, label: 'admin' } },
      () => db.transaction((manager) => audit.record(manager, entry(entityId))),
    );
    await db.transaction((manager) => audit.record(manager, entry(entityId)));
    await runWithAuditContext({ requestId: 'job-87654321', actor: null }, () =>
      db.transaction((manager) =>
        audit.record(manager, {
          ...entry(entityId),
          actor: { userId: null, label: 'system:worker' },
        }),
      ),
    );
    const rows = await audit.list({ entityId, before: null, limit: 10 });
    expect(rows.map((row) => [row.actorUserId, row.actorLabel, row.requestId])).toEqual([
      [null, 'system:worker', 'job-87654321'],
      [null, 'system', null],
      [userId, 'admin', 'req-12345678'],
    ]);
  });

  it('refuses an actor label that could hold a name or an e-mail address', async () => {
    for (const label of ['camille@example.org', 'Camille Martin', '']) {
      await expect(
        db.transaction((manager) =>
          audit.record(manager, { ...entry(randomUUID()), actor: { userId: null, label } }),
        ),
      ).rejects.toMatchObject({ code: '23514' });
    }
  });
});
