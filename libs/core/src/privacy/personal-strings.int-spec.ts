import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestContext } from '@mutualis/testing';
import { CorePersonalDataRepository } from './core-personal-data.repository';
import { jsonTextPatterns } from './personal-strings';

describe('scrubbing a person’s strings out of stored payloads', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  const repository = new CorePersonalDataRepository();

  beforeAll(async () => {
    context = await createTestContext([]);
    db = context.get(DataSource);
  });

  afterAll(async () => {
    await context.close();
  });

  async function eventWith(payload: unknown): Promise<string> {
    const [{ id }] = await db.query<{ id: string }[]>(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload)
       VALUES ('test.scrub', 'test', gen_random_uuid(), $1) RETURNING id`,
      [JSON.stringify(payload)],
    );
    return id;
  }

  it('replaces names with quotes, backslashes, regex and LIKE characters in any case, and keeps the JSON valid', async () => {
    const name = 'Zoé "Zaza" O\\Brien (50%_off) [x]+?';
    const email = 'Zoe.Obrien+tag@Exemple.fr';
    const quoting = await eventWith({
      attendee: name,
      email: email.toLowerCase(),
      nested: [{ who: `${name} et ${email}` }],
    });
    const other = await eventWith({ attendee: 'Zoé Zaza', email: 'zoeXobrien+tag@exemple.fr' });

    await db.transaction((manager) => repository.erase(manager, [name, email], 'erased'));

    const [scrubbed] = await db.query<{ payload: unknown }[]>(
      `SELECT payload FROM outbox_events WHERE id = $1`,
      [quoting],
    );
    expect(scrubbed.payload).toEqual({
      attendee: 'erased',
      email: 'erased',
      nested: [{ who: 'erased et erased' }],
    });
    const [untouched] = await db.query<{ payload: unknown }[]>(
      `SELECT payload FROM outbox_events WHERE id = $1`,
      [other],
    );
    expect(untouched.payload).toEqual({ attendee: 'Zoé Zaza', email: 'zoeXobrien+tag@exemple.fr' });
  });

  it('deletes stored idempotent responses that quote the person, and ignores strings too short to mean anything', async () => {
    const scope = `test:${Date.now()}`;
    await db.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body) VALUES
         ($1, 'quoting', repeat('a', 64), 201, '{"attendees":[{"name":"Anaïs Durand"}]}'),
         ($1, 'other', repeat('a', 64), 201, '{"attendees":[{"name":"Paul Durand"}]}')`,
      [scope],
    );
    await db.transaction((manager) => repository.erase(manager, ['Anaïs Durand', 'ab'], 'erased'));
    const left = await db.query<{ key: string }[]>(
      `SELECT key FROM idempotency_keys WHERE scope = $1`,
      [scope],
    );
    expect(left.map((row) => row.key)).toEqual(['other']);
    expect(jsonTextPatterns(['ab', ' ', 'a_b%'])).toEqual(['%a\\_b\\%%']);
  });
});
