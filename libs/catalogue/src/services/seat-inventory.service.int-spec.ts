import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { createTestContext, insertPublishedSession } from '@mutualis/testing';
import { CatalogueModule } from '../catalogue.module';
import { Offering } from '../entities/offering.entity';
import { TrainingSession } from '../entities/training-session.entity';
import { SeatInventoryService } from './seat-inventory.service';

describe('SeatInventoryService.lockSession', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let inventory: SeatInventoryService;

  beforeAll(async () => {
    context = await createTestContext([CatalogueModule]);
    db = context.get(DataSource);
    inventory = context.get(SeatInventoryService);
  });

  afterAll(async () => {
    await context.close();
  });

  /** Runs `work` in a transaction of its own connection that gives up on a lock after 1 s. */
  async function elsewhere(work: (runner: QueryRunner) => Promise<unknown>): Promise<void> {
    const runner = db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`SET LOCAL lock_timeout = '1s'`);
      await work(runner);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it('answers the session and its offering as they are stored, in one read', async () => {
    const { sessionId, offeringId } = await insertPublishedSession(db, {
      maxSeatsPerOrganisation: 2,
    });

    const locked = await db.transaction((manager) => inventory.lockSession(sessionId, manager));

    expect(locked?.session).toBeInstanceOf(TrainingSession);
    expect(locked?.session).toEqual(await db.manager.findOneBy(TrainingSession, { id: sessionId }));
    expect(locked?.offering).toBeInstanceOf(Offering);
    expect(locked?.offering).toEqual(await db.manager.findOneBy(Offering, { id: offeringId }));
  });

  it('answers null for an unknown session', async () => {
    await expect(
      db.transaction((manager) => inventory.lockSession(randomUUID(), manager)),
    ).resolves.toBeNull();
  });

  it('holds the session row until the transaction ends, but never the offering row', async () => {
    const { sessionId, offeringId } = await insertPublishedSession(db);

    await db.transaction(async (manager) => {
      await inventory.lockSession(sessionId, manager);

      // Another booking of the session waits (here: gives up at once)...
      await expect(
        elsewhere((runner) =>
          runner.query(`SELECT 1 FROM sessions WHERE id = $1 FOR NO KEY UPDATE NOWAIT`, [
            sessionId,
          ]),
        ),
      ).rejects.toMatchObject({ code: '55P03' });
      // ...while the consultant's edit of the offering goes through.
      await expect(
        elsewhere((runner) =>
          runner.query(`UPDATE offerings SET title = 'Formation renommée' WHERE id = $1`, [
            offeringId,
          ]),
        ),
      ).resolves.toBeUndefined();
    });
  });
});
