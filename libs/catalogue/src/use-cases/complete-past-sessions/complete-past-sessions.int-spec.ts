import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestContext } from '@mutualis/testing';
import { CatalogueModule } from '../../catalogue.module';
import { CompletePastSessionsUseCase } from './complete-past-sessions.use-case';

describe('CompletePastSessionsUseCase', () => {
  let context: INestApplicationContext;
  let db: DataSource;

  beforeAll(async () => {
    context = await createTestContext([CatalogueModule]);
    db = context.get(DataSource);
  });

  afterAll(async () => {
    await context.close();
  });

  it('marks ended scheduled sessions completed, leaves the others alone, and can run twice', async () => {
    const [{ id: consultantId }] = await db.query<{ id: string }[]>(
      `INSERT INTO users (email, name, password_hash, platform_roles)
       VALUES ('complete-' || gen_random_uuid() || '@test.mutualis.fr', 'Consultant', 'x', '{consultant}') RETURNING id`,
    );
    const [{ id: offeringId }] = await db.query<{ id: string }[]>(
      `INSERT INTO offerings (consultant_id, category_id, title, summary, description, kind, delivery_mode, departments,
                              duration_minutes, member_price_cents, non_member_price_cents, vat_treatment, cancellation_policy)
       SELECT $1, id, 'Session completion', 'Résumé', '', 'training', 'remote', '{13}', 60, 100, 200, 'standard', '{"tiers":[]}'
         FROM categories WHERE slug = 'formation' RETURNING id`,
      [consultantId],
    );
    const insert = (starts: string, ends: string, status: string) =>
      db.query<{ id: string }[]>(
        `INSERT INTO sessions (offering_id, starts_at, ends_at, registration_deadline, capacity, remote_url, status)
         VALUES ($1, now() + $2::interval, now() + $3::interval, now() + $2::interval, 10, 'https://visio.test', $4)
         RETURNING id`,
        [offeringId, starts, ends, status],
      );
    const [[ended], [running], [future], [cancelled]] = await Promise.all([
      insert('-3 hours', '-1 hour', 'scheduled'),
      insert('-1 hour', '1 hour', 'scheduled'),
      insert('1 day', '25 hours', 'scheduled'),
      insert('-3 hours', '-2 hours', 'cancelled'),
    ]);

    const completeEnded = context.get(CompletePastSessionsUseCase);
    expect(await completeEnded.execute()).toBeGreaterThanOrEqual(1);
    await completeEnded.execute(); // a replayed job changes nothing more

    const statuses = await db.query<{ id: string; status: string }[]>(
      `SELECT id, status FROM sessions WHERE offering_id = $1`,
      [offeringId],
    );
    const statusOf = (id: string) => statuses.find((row) => row.id === id)?.status;
    expect(statusOf(ended.id)).toBe('completed');
    expect(statusOf(running.id)).toBe('scheduled');
    expect(statusOf(future.id)).toBe('scheduled');
    expect(statusOf(cancelled.id)).toBe('cancelled');
  });
});
