import Redis from 'ioredis';
import { DataSource } from 'typeorm';

export interface Finding {
  where: string;
  needle: string;
}

/**
 * Every text, varchar, json, jsonb, array and bytea column of every table of the public schema
 * that holds one of the strings (any case): generic, so tables added later are scanned too.
 */
export async function findInDatabase(db: DataSource, needles: string[]): Promise<Finding[]> {
  const columns = await db.query<{ table: string; column: string; type: string }[]>(
    `SELECT c.table_name AS "table", c.column_name AS "column", c.data_type AS type
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bytea', 'USER-DEFINED')`,
  );
  const findings: Finding[] = [];
  for (const { table, column, type } of columns) {
    for (const needle of needles) {
      const condition =
        type === 'bytea'
          ? `position(convert_to($1, 'UTF8') IN "${column}") > 0`
          : `"${column}"::text ILIKE '%' || $1 || '%'`;
      const [{ count }] = await db.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM "${table}" WHERE ${condition}`,
        [needle],
      );
      if (count > 0) findings.push({ where: `${table}.${column} (${count} rows)`, needle });
    }
  }
  return findings;
}

/** Every key under the prefix, its name and its whole content, that holds one of the strings. */
export async function findInRedis(
  redisUrl: string,
  prefix: string,
  needles: string[],
): Promise<Finding[]> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  const findings: Finding[] = [];
  try {
    let cursor = '0';
    const lowered = needles.map((needle) => needle.toLowerCase());
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const text = `${key}\n${await contentOf(redis, key)}`.toLowerCase();
        lowered.forEach((needle, index) => {
          if (text.includes(needle))
            findings.push({ where: `redis ${key}`, needle: needles[index] });
        });
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return findings;
}

async function contentOf(redis: Redis, key: string): Promise<string> {
  switch (await redis.type(key)) {
    case 'string':
      return (await redis.get(key)) ?? '';
    case 'hash':
      return JSON.stringify(await redis.hgetall(key));
    case 'list':
      return JSON.stringify(await redis.lrange(key, 0, -1));
    case 'set':
      return JSON.stringify(await redis.smembers(key));
    case 'zset':
      return JSON.stringify(await redis.zrange(key, 0, -1));
    case 'stream':
      return JSON.stringify(await redis.xrange(key, '-', '+'));
    default:
      return '';
  }
}
