import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { configureChambre } from '@mutualis/testing/catalogue.factory';
import { ScenarioFailure, ScenarioResult } from '../scenario';
import { benchDatabaseUrl, connect, disposeDatabase, freshDatabase } from '../support/database';
import { BuiltProcess, startBuilt } from '../support/processes';
import { median, round } from '../support/stats';
import { formatTable } from '../support/table';
import {
  backendCpuMs,
  check,
  confirmEvents,
  cpuSnapshot,
  progress,
  seedBookings,
} from './invoicing';

export const description =
  'What writing the journal adds to the invoicing pipeline’s CPU per invoice: the invoicing scenario’s bookings through one production worker, its accounting queue consumed or paused, alternately';

const DATABASE = 'mutualis_bench_journal';
const REDIS_PREFIX = 'mutualis-bench-journal';
const QUICK = process.env.BENCH_QUICK === '1';
/** Bookings confirmed per run. */
const BATCH = Number(process.env.BENCH_JOURNAL_BOOKINGS ?? (QUICK ? 40 : 500));
/** Runs per session, one after the other on the same worker and database. */
const RUNS = Number(process.env.BENCH_JOURNAL_RUNS ?? 2);
/**
 * Sessions in order, each on a fresh database and worker: `on` consumes the accounting queue
 * (what production does), `paused` pauses it in Redis before the worker starts, so the same
 * build relays the events but posts nothing. Alternated, so a machine getting busier or quieter
 * weighs on both sides.
 */
const SESSIONS = (process.env.BENCH_JOURNAL_SESSIONS ?? 'on,paused,on,paused').split(',') as (
  'on' | 'paused'
)[];
const WARM_UP = QUICK ? 10 : 40;
const RUN_TIMEOUT_MS = Math.max(120_000, BATCH * 400);
/** The limit of the acceptance point: journal writing adds under 20 % of CPU per invoice. */
const LIMIT = 0.2;

const redisUrl = () => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function deleteRedisKeys(): Promise<void> {
  const redis = new Redis(redisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

function queue(name: string): Queue {
  return new Queue(name, { connection: { url: redisUrl() }, prefix: `${REDIS_PREFIX}:bull` });
}

/**
 * Until the pipeline is idle: every due outbox event relayed, nothing waiting or running in the
 * queues a confirmed booking leads to (delayed reminders and dunning wait for their day).
 */
async function settled(client: Client, queues: Queue[], deadline: number): Promise<void> {
  for (;;) {
    const { rows } = await client.query<{ pending: number }>(
      `SELECT count(*)::int AS pending FROM outbox_events
        WHERE published_at IS NULL AND (deliver_at IS NULL OR deliver_at <= now())`,
    );
    let busy = rows[0].pending;
    for (const candidate of queues) {
      const counts = await candidate.getJobCounts('waiting', 'active', 'prioritized');
      busy += counts.waiting + counts.active + counts.prioritized;
    }
    if (busy === 0) return;
    if (performance.now() > deadline) throw new Error(`the pipeline is still busy (${busy})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Journal entries written, or null on a build without the journal. */
async function entriesPosted(client: Client): Promise<number | null> {
  const { rows } = await client.query<{ table: string | null }>(
    `SELECT to_regclass('accounting_entries')::text AS table`,
  );
  if (!rows[0].table) return null;
  const { rows: counted } = await client.query<{ entries: number }>(
    `SELECT count(*)::int AS entries FROM accounting_entries`,
  );
  return counted[0].entries;
}

interface JournalRun {
  session: number;
  accounting: 'on' | 'paused';
  run: number;
  invoices: number;
  /** From the commit of the events until the whole pipeline is idle. */
  settledMs: number;
  /** Until the last PDF was stored (the invoicing scenario's window). */
  storedMs: number;
  workerCpuMsPerInvoice: number;
  postgresCpuMsPerInvoice: number;
  cpuMsPerInvoice: number;
  /** Journal entries written during the run (null: no journal in this build). */
  entries: number | null;
  /** The machine's 1-minute load average at the start and at the end of the run. */
  load: [number, number];
}

async function measureSession(
  session: number,
  accounting: 'on' | 'paused',
): Promise<{ runs: JournalRun[]; checks: string[] }> {
  const url = benchDatabaseUrl(DATABASE);
  const storageDir = mkdtempSync(join(tmpdir(), 'bench-journal-'));
  const started: BuiltProcess[] = [];
  const queues = ['invoicing', 'notifications', 'accounting'].map(queue);
  let client: Client | null = null;
  try {
    await freshDatabase(url);
    client = await connect(url, 'bench-journal');
    await seedBookings(client, WARM_UP + BATCH * RUNS);
    const chambreDb = new DataSource({ type: 'postgres', url });
    await chambreDb.initialize();
    await configureChambre(chambreDb);
    await chambreDb.destroy();
    await deleteRedisKeys();
    const watched = accounting === 'paused' ? queues.slice(0, 2) : queues;
    if (accounting === 'paused') await queues[2].pause();
    started.push(
      await startBuilt('worker', {
        DATABASE_URL: url,
        REDIS_PREFIX,
        INVOICE_STORAGE_DIR: storageDir,
      }),
    );
    await confirmEvents(client, WARM_UP);
    await settled(client, watched, performance.now() + RUN_TIMEOUT_MS);

    const runs: JournalRun[] = [];
    for (let index = 0; index < RUNS; index++) {
      const target = WARM_UP + BATCH * (index + 1);
      const entriesBefore = await entriesPosted(client);
      const cpuBefore = await cpuSnapshot(client, started);
      const loadBefore = loadavg()[0];
      const start = performance.now();
      await confirmEvents(client, BATCH);
      let storedMs = Number.NaN;
      while ((await progress(client)).stored < target) {
        if (performance.now() - start > RUN_TIMEOUT_MS) throw new Error('run timed out');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      storedMs = performance.now() - start;
      await settled(client, watched, start + RUN_TIMEOUT_MS);
      const settledMs = performance.now() - start;
      const cpuAfter = await cpuSnapshot(client, started);
      const entriesAfter = await entriesPosted(client);
      const worker = (cpuAfter.workers - cpuBefore.workers) / BATCH;
      const postgres = backendCpuMs(cpuBefore.backends, cpuAfter.backends) / BATCH;
      const measure: JournalRun = {
        session,
        accounting,
        run: index + 1,
        invoices: BATCH,
        settledMs: round(settledMs),
        storedMs: round(storedMs),
        workerCpuMsPerInvoice: round(worker, 1),
        postgresCpuMsPerInvoice: round(postgres, 1),
        cpuMsPerInvoice: round(worker + postgres, 1),
        entries:
          entriesBefore === null || entriesAfter === null ? null : entriesAfter - entriesBefore,
        load: [round(loadBefore, 1), round(loadavg()[0], 1)],
      };
      runs.push(measure);
      console.log(
        `  session ${session} (accounting ${accounting}), run ${index + 1}: ${BATCH} invoices, PDFs after ${round(storedMs / 1000)} s, idle after ${round(settledMs / 1000)} s; ` +
          `CPU per invoice ${measure.workerCpuMsPerInvoice} ms worker + ${measure.postgresCpuMsPerInvoice} ms PostgreSQL = ${measure.cpuMsPerInvoice} ms; ` +
          `${measure.entries ?? 'no'} journal entries; load ${measure.load.join(' → ')}`,
      );
    }
    const checks = (await check(client, WARM_UP + BATCH * RUNS, storageDir)).map(
      (text) => `session ${session}: ${text}`,
    );
    const posted = await entriesPosted(client);
    if (accounting === 'on' && posted !== null && posted !== WARM_UP + BATCH * RUNS) {
      checks.push(
        `session ${session}: ${posted} journal entries for ${WARM_UP + BATCH * RUNS} invoices`,
      );
    }
    if (accounting === 'paused' && posted !== null && posted !== 0) {
      checks.push(`session ${session}: ${posted} journal entries with the accounting queue paused`);
    }
    return { runs, checks };
  } finally {
    await Promise.all(started.map((worker) => worker.stop()));
    await Promise.all(queues.map((candidate) => candidate.close()));
    await client?.end();
    await disposeDatabase(url);
    await deleteRedisKeys();
    rmSync(storageDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<ScenarioResult> {
  const runs: JournalRun[] = [];
  const failures: string[] = [];
  for (const [index, accounting] of SESSIONS.entries()) {
    const session = await measureSession(index + 1, accounting);
    runs.push(...session.runs);
    failures.push(...session.checks);
  }
  const side = (accounting: 'on' | 'paused') => runs.filter((one) => one.accounting === accounting);
  const cpu = (accounting: 'on' | 'paused') =>
    median(side(accounting).map((one) => one.cpuMsPerInvoice));
  const withJournal = side('on').length > 0 ? cpu('on') : null;
  const without = side('paused').length > 0 ? cpu('paused') : null;
  const added = withJournal !== null && without !== null ? withJournal / without - 1 : null;
  if (added !== null && added >= LIMIT) {
    failures.push(
      `journal writing adds ${round(added * 100, 1)} % of CPU per invoice, over the ${LIMIT * 100} % limit`,
    );
  }
  const summary = formatTable(
    [
      'session',
      'accounting',
      'run',
      'PDFs s',
      'idle s',
      'worker ms',
      'pg ms',
      'CPU ms/invoice',
      'entries',
      'load',
    ],
    runs.map((one) => [
      one.session,
      one.accounting,
      one.run,
      round(one.storedMs / 1000),
      round(one.settledMs / 1000),
      one.workerCpuMsPerInvoice,
      one.postgresCpuMsPerInvoice,
      one.cpuMsPerInvoice,
      one.entries ?? '-',
      one.load.join(' → '),
    ]),
  );
  summary.push(
    '',
    `CPU per invoice (worker + PostgreSQL, median of runs): ${withJournal ?? '-'} ms with the journal, ${without ?? '-'} ms without` +
      (added !== null ? `: the journal adds ${round(added * 100, 1)} %` : ''),
  );
  const result = {
    summary,
    failures,
    figures: {
      bookingsPerRun: BATCH,
      runsPerSession: RUNS,
      sessions: SESSIONS,
      quick: QUICK,
      runs,
      cpuMsPerInvoice: { withJournal, without },
      added,
    },
  };
  if (failures.length > 0) throw new ScenarioFailure(result);
  return result;
}
