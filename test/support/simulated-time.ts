import { Client } from 'pg';
import { Clock, parisStartOfDay } from '@mutualis/core';

/**
 * Time that a test moves through days, months or a year, for everything that reads the clock:
 * the Clock of the api and of the worker running in the test's process, and PostgreSQL's
 * `now()` and `clock_timestamp()` (invoices take their issue instant from the database, under
 * the counter's lock). Test-only: production has no way to move its time.
 *
 * Simulated time flows at the real pace from the instant it was set, so instants read one after
 * the other keep their order (an invoice numbered after another is not issued before it).
 */
export class SimulatedClock extends Clock {
  private simulatedAnchor: number;
  private realAnchor: number;

  /** Real time until moved (`moveTo`). */
  constructor(private readonly databaseUrl: string) {
    super();
    this.simulatedAnchor = Date.now();
    this.realAnchor = this.simulatedAnchor;
  }

  override now(): Date {
    return new Date(this.simulatedAnchor + (Date.now() - this.realAnchor));
  }

  /** Today in Paris, simulated. */
  today(): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(this.now());
  }

  /** Moves to `time` (HH:MM, Paris) of the Paris day `date` (YYYY-MM-DD), here and in PostgreSQL. */
  async moveTo(date: string, time = '09:00'): Promise<Date> {
    const [hours, minutes] = time.split(':').map(Number);
    const instant = new Date(parisStartOfDay(date).getTime() + (hours * 60 + minutes) * 60_000);
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      // Both anchors are taken at the same real instant (to the millisecond), so the two
      // clocks agree.
      const [{ real }] = (
        await client.query<{ real: Date }>(
          `UPDATE simulated_time.anchor SET simulated = $1, real = pg_catalog.clock_timestamp()
           RETURNING real`,
          [instant],
        )
      ).rows;
      this.simulatedAnchor = instant.getTime();
      this.realAnchor = real.getTime();
    } finally {
      await client.end();
    }
    return instant;
  }
}

/**
 * Gives a freshly migrated database a clock the test sets: `now()` and `clock_timestamp()`
 * written in statements resolve to functions of a `simulated_time` schema placed before
 * `pg_catalog` on the database's search path (column defaults, bound when the migrations
 * created them, keep the real clock). Run it before any app connects: the search path is read
 * when a session starts. The clock starts at 09:00 in Paris on `date`.
 */
export async function installSimulatedTime(
  databaseUrl: string,
  date: string,
): Promise<SimulatedClock> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const database = (await client.query<{ name: string }>('SELECT current_database() AS name'))
      .rows[0].name;
    await client.query(`
      CREATE SCHEMA simulated_time;
      CREATE TABLE simulated_time.anchor (simulated timestamptz NOT NULL, real timestamptz NOT NULL);
      INSERT INTO simulated_time.anchor VALUES (pg_catalog.now(), pg_catalog.now());
      CREATE FUNCTION simulated_time.now() RETURNS timestamptz LANGUAGE sql STABLE
        AS $$ SELECT simulated + (pg_catalog.now() - real) FROM simulated_time.anchor $$;
      CREATE FUNCTION simulated_time.clock_timestamp() RETURNS timestamptz LANGUAGE sql VOLATILE
        AS $$ SELECT simulated + (pg_catalog.clock_timestamp() - real) FROM simulated_time.anchor $$;
      ALTER DATABASE "${database}" SET search_path = "$user", public, simulated_time, pg_catalog;
    `);
    // The apps connect as the application role, which owns nothing: it reads the anchor too.
    const appRole = process.env.APP_DATABASE_USER ?? 'mutualis_app';
    await client.query(`
      GRANT USAGE ON SCHEMA simulated_time TO "${appRole}";
      GRANT SELECT ON simulated_time.anchor TO "${appRole}";
    `);
  } finally {
    await client.end();
  }
  const clock = new SimulatedClock(databaseUrl);
  await clock.moveTo(date);
  return clock;
}
