import { ChildProcess, execSync, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Job, Queue, QueueEvents } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { postgresOptions } from '@mutualis/core/database/data-source-options';
import { OutboxEvent } from '@mutualis/core/outbox/outbox-event.entity';
import { OutboxService } from '@mutualis/core/outbox/outbox.service';
import { RelayedEventData as EventJobData } from '@mutualis/core/outbox/outbox-relay';
import { QueueName } from '@mutualis/core/queue/queue-names';
import { redisConnectionOptions } from '@mutualis/core/queue/queue.module';
import { Booking } from '../../libs/booking/src/entities/booking.entity';
import { expiryDue } from '../../libs/booking/src/services/booking-events';
import { EVENT_ROUTES } from '../../apps/worker/src/event-routes';
import { ScenarioFailure, ScenarioResult } from '../scenario';
import { benchDatabaseUrl, connect, disposeDatabase, freshDatabase } from '../support/database';
import { BuiltProcess, startBuilt } from '../support/processes';
import { median, round } from '../support/stats';
import { formatTable } from '../support/table';

export const description =
  'Outbox → BullMQ relay of the built worker: events/s of a 10,000-event burst and commit → job lag at 200 events/s, against a bare relay loop';

const DATABASE = 'mutualis_bench_outbox';
const PREFIX = 'mutualis-bench-outbox-relay';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** BENCH_QUICK=1: a small burst and a short steady run, for checking the scenario. */
const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** 10,000 rather than 20,000: the scenario has to fit in 2 minutes with its baseline. */
const BURST_EVENTS = QUICK ? 2_000 : 10_000;
/**
 * Events per transaction in the burst: more than a request's one or two, far fewer than an
 * import batch's 200, so the writers commit faster than one relay drains.
 */
const BURST_TRANSACTION = 10;
/** Concurrent writers, as many as the api's pool has connections. */
const WRITERS = 10;
const STEADY_RATE = 200;
/** 8 s rather than 20 s, for the same reason: 1,600 events a run, 4,800 in all. */
const STEADY_SECONDS = QUICK ? 3 : 8;
/** What the relay does per poll (OutboxRelay.BATCH_SIZE). */
const BATCH_SIZE = 200;
const TIMEOUT_MS = 60_000;
/** Not measured: a small burst and a second of steady load first, so each relay runs warm. */
const WARMUP_EVENTS = 500;
const BASELINE_CHILD = 'BENCH_OUTBOX_BASELINE_URL';

/**
 * The event: a booking's hold expiry, exactly as a booking writes it (booking.hold-expiry-due
 * → the booking queue). In the burst it is due in 30 minutes (the default hold), so it lands
 * as a delayed job and nothing consumes it during the bench: the relay is measured alone. In
 * the steady run it is already due, so the worker's BookingProcessor picks it up at once and
 * finds no such booking ('skipped': one SELECT … FOR UPDATE, no side effect).
 */
function holdExpiry(bookingId: string, at: Date) {
  return expiryDue('hold', { id: bookingId } as Booking, at);
}

const CLOCK_TICKS = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/**
 * CPU time a process has used (user + system), from /proc: what the relay costs whatever the
 * load of the machine, where wall-clock figures are only as good as the machine is quiet.
 */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat(5), 12 and 13 after the command name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Spread {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

// ---------------------------------------------------------------------------------------------
// Baseline: the relay's three statements and addBulk in a bare loop, in a process of its own
// (like the worker), polling again at once when it found nothing.

interface BatchCosts {
  batches: number;
  events: number;
  emptyPolls: number;
  selectMs: number[];
  addBulkMs: number[];
  updateCommitMs: number[];
}

type ChildMessage = { type: 'ready' } | { type: 'stopped'; costs: BatchCosts };

async function baselineChild(): Promise<void> {
  const client = new Client({
    connectionString: process.env[BASELINE_CHILD],
    application_name: 'bench-outbox-baseline',
  });
  await client.connect();
  const queues = new Map<QueueName, Queue>();
  const queue = (name: QueueName): Queue => {
    let found = queues.get(name);
    if (!found) {
      // The relay's own queue settings: no offline queue, no default job options.
      found = new Queue(name, {
        connection: { ...redisConnectionOptions(REDIS_URL), enableOfflineQueue: false },
        prefix: `${PREFIX}:bull`,
      });
      queues.set(name, found);
    }
    return found;
  };
  let running = false;
  let loop: Promise<BatchCosts> | null = null;

  const relay = async (): Promise<BatchCosts> => {
    const costs: BatchCosts = {
      batches: 0,
      events: 0,
      emptyPolls: 0,
      selectMs: [],
      addBulkMs: [],
      updateCommitMs: [],
    };
    while (running) {
      const start = performance.now();
      await client.query('BEGIN');
      const { rows: events } = await client.query<{
        id: string;
        type: string;
        aggregate_id: string;
        payload: EventJobData['payload'];
        deliver_at: Date | null;
      }>(
        `SELECT id, type, aggregate_id, payload, deliver_at FROM outbox_events
          WHERE published_at IS NULL
          ORDER BY occurred_at, id
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      if (events.length === 0) {
        await client.query('COMMIT');
        costs.emptyPolls++;
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      const selected = performance.now();
      const byQueue = new Map<QueueName, typeof events>();
      for (const event of events) {
        const routes: Readonly<Record<string, readonly QueueName[] | undefined>> = EVENT_ROUTES;
        for (const name of routes[event.type] ?? [])
          byQueue.set(name, [...(byQueue.get(name) ?? []), event]);
      }
      const now = Date.now();
      for (const [name, routed] of byQueue) {
        await queue(name).addBulk(
          routed.map((event) => ({
            name: event.type,
            data: {
              eventId: event.id,
              type: event.type,
              aggregateId: event.aggregate_id,
              payload: event.payload,
            } satisfies EventJobData,
            opts: {
              jobId: event.id,
              delay: event.deliver_at ? Math.max(0, event.deliver_at.getTime() - now) : undefined,
            },
          })),
        );
      }
      const added = performance.now();
      await client.query(
        `UPDATE outbox_events SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1)`,
        [events.map((event) => event.id)],
      );
      await client.query('COMMIT');
      costs.batches++;
      costs.events += events.length;
      costs.selectMs.push(selected - start);
      costs.addBulkMs.push(added - selected);
      costs.updateCommitMs.push(performance.now() - added);
    }
    return costs;
  };

  process.on('message', (message: { type: 'start' | 'stop' | 'exit' }) => {
    if (message.type === 'start') {
      running = true;
      loop = relay();
    } else if (message.type === 'stop') {
      running = false;
      void loop!.then((costs) => process.send!({ type: 'stopped', costs } satisfies ChildMessage));
    } else {
      void Promise.all([...queues.values()].map((found) => found.close()))
        .then(() => client.end())
        .then(() => process.exit(0));
    }
  });
  process.send!({ type: 'ready' } satisfies ChildMessage);
}

interface Baseline {
  pid: number;
  start(): void;
  stop(): Promise<BatchCosts>;
  exit(): Promise<void>;
}

async function startBaseline(url: string): Promise<Baseline> {
  const child: ChildProcess = fork(__filename, [], {
    execArgv: ['-r', join(__dirname, '..', 'register.js')],
    env: { ...process.env, [BASELINE_CHILD]: url },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: ChildMessage['type']): Promise<ChildMessage> =>
    new Promise((resolve, reject) => {
      const onExit = () => reject(new Error('the baseline relay exited'));
      child.once('exit', onExit);
      const onMessage = (message: ChildMessage) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      child.on('message', onMessage);
    });
  await next('ready');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid!,
    start: () => child.send({ type: 'start' }),
    stop: async () => {
      const stopped = next('stopped');
      child.send({ type: 'stop' });
      return ((await stopped) as { costs: BatchCosts }).costs;
    },
    exit: async () => {
      if (child.connected) child.send({ type: 'exit' });
      else child.kill();
      await exited;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The writers and the measurements.

interface Bench {
  /** The relaying process (the worker or the baseline loop), for its CPU time. */
  relayPid: number;
  db: DataSource;
  outbox: OutboxService;
  client: Client;
  queue: Queue;
  /** Job id → Redis time (ms) of the job's `added` event: when it landed in its queue. */
  landed: Map<string, number>;
}

/** One transaction of the app's writing path (OutboxService.record); its commit time per event. */
async function commit(
  bench: Bench,
  bookingIds: string[],
  deliverAt: () => Date,
  commits: Map<string, number>,
): Promise<void> {
  await bench.db.transaction((manager) =>
    bench.outbox.record(manager, ...bookingIds.map((id) => holdExpiry(id, deliverAt()))),
  );
  const at = Date.now();
  for (const id of bookingIds) commits.set(id, at);
}

/** Waits until every event is published and, when asked, every job of the booking queue has run. */
async function drained(bench: Bench, consumed: boolean): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    const [{ left }] = (
      await bench.client.query<{ left: number }>(
        `SELECT count(*)::int AS left FROM outbox_events WHERE published_at IS NULL`,
      )
    ).rows;
    const counts = consumed ? await bench.queue.getJobCounts('wait', 'active') : {};
    if (left === 0 && (counts.wait ?? 0) + (counts.active ?? 0) === 0) return;
    await sleep(100);
  }
  throw new Error(`the relay did not drain within ${TIMEOUT_MS / 1000} s`);
}

interface Measure {
  events: number;
  /** First transaction started → last commit. */
  commitMs: number;
  committedPerSecond: number;
  /** N / (last job in Redis − first commit): the end-to-end throughput. */
  eventsPerSecond: number;
  /** N / (last job in Redis − first job in Redis): how fast the relay drained. */
  drainPerSecond: number;
  /** Commit → the job's `added` event in Redis. */
  lagMs: Spread;
  /** Commit → the relay's Date.now() before addBulk (job.timestamp). */
  relayAddLagMs: Spread;
  /** Commit → a worker took the job (job.processedOn); steady run with the worker only. */
  pickupLagMs: Spread | null;
  /** Jobs the worker finished per second, first picked up → last finished (steady, worker). */
  consumedPerSecond: number | null;
  /** Jobs whose `added` event the bench's QueueEvents saw (job.timestamp is used for the rest). */
  landedSeen: number;
  /**
   * The relay's batches seen from outside, the same way for both relays: jobs grouped by the
   * relay's clock when it built them (job.timestamp; a gap over 2 ms starts a new batch).
   * Medians over the batches of 150 events or more: start to start, and addBulk (first
   * job.timestamp → last job in Redis); the rest of a cycle is the SQL and the transaction.
   */
  batches: { count: number; fullCycleMs: number; fullAddBulkMs: number };
  /** CPU ms the relaying process used per event, from the first commit until drained. */
  relayCpuMsPerEvent: number;
  /** The options BullMQ stored on the first job (what the relay gives its jobs). */
  jobOptions: unknown;
  problems: string[];
}

async function measure(
  bench: Bench,
  commits: Map<string, number>,
  started: number,
  committed: number,
  consumed: boolean,
  cpuUsedMs: number,
): Promise<Measure> {
  const bookingIds = [...commits.keys()];
  const { rows } = await bench.client.query<{
    id: string;
    aggregate_id: string;
    published: boolean;
    attempts: number;
  }>(
    `SELECT id, aggregate_id, published_at IS NOT NULL AS published, attempts
       FROM outbox_events WHERE aggregate_id = ANY($1::uuid[])`,
    [bookingIds],
  );
  const problems: string[] = [];
  if (rows.length !== bookingIds.length)
    problems.push(`${bookingIds.length} events committed, ${rows.length} found in outbox_events`);
  const unpublished = rows.filter((row) => !row.published).length;
  if (unpublished > 0) problems.push(`${unpublished} events not published`);
  const republished = rows.filter((row) => row.attempts !== 1).length;
  if (republished > 0) problems.push(`${republished} events published more than once`);

  const jobs: (Job<EventJobData> | undefined)[] = [];
  for (let index = 0; index < rows.length; index += 2_000) {
    jobs.push(
      ...(await Promise.all(
        rows.slice(index, index + 2_000).map((row) => bench.queue.getJob(row.id)),
      )),
    );
  }
  const lag: number[] = [];
  const relayAdd: number[] = [];
  const pickup: number[] = [];
  const landedTimes: number[] = [];
  const built: { timestamp: number; landed: number }[] = [];
  const processedOn: number[] = [];
  const finishedOn: number[] = [];
  let missing = 0;
  let seen = 0;
  let failed = 0;
  let notSkipped = 0;
  rows.forEach((row, index) => {
    const job = jobs[index];
    const committedAt = commits.get(row.aggregate_id)!;
    if (!job || job.data.aggregateId !== row.aggregate_id) {
      missing++;
      return;
    }
    const landedAt = bench.landed.get(row.id);
    if (landedAt !== undefined) seen++;
    const at = landedAt ?? job.timestamp;
    landedTimes.push(at);
    built.push({ timestamp: job.timestamp, landed: at });
    lag.push(at - committedAt);
    relayAdd.push(job.timestamp - committedAt);
    if (consumed) {
      if (job.failedReason) failed++;
      else if ((job.returnvalue as { outcome?: string } | null)?.outcome !== 'skipped')
        notSkipped++;
      if (job.processedOn) {
        pickup.push(job.processedOn - committedAt);
        processedOn.push(job.processedOn);
      }
      if (job.finishedOn) finishedOn.push(job.finishedOn);
    }
  });
  if (missing > 0) problems.push(`${missing} published events have no job in the booking queue`);
  if (failed > 0) problems.push(`${failed} jobs failed in the worker`);
  if (notSkipped > 0) problems.push(`${notSkipped} jobs did not end 'skipped'`);
  if (consumed && pickup.length !== rows.length - missing)
    problems.push(`${rows.length - missing - pickup.length} jobs were never picked up`);
  built.sort((a, b) => a.timestamp - b.timestamp);
  const groups: { start: number; size: number; lastLanded: number }[] = [];
  built.forEach((job, index) => {
    if (index === 0 || job.timestamp - built[index - 1].timestamp > 2)
      groups.push({ start: job.timestamp, size: 0, lastLanded: job.landed });
    const group = groups[groups.length - 1];
    group.size++;
    group.lastLanded = Math.max(group.lastLanded, job.landed);
  });
  const full = groups.slice(0, -1).filter((group) => group.size >= 150);
  const batches = {
    count: groups.length,
    fullCycleMs: median(full.map((group) => groups[groups.indexOf(group) + 1].start - group.start)),
    fullAddBulkMs: median(full.map((group) => group.lastLanded - group.start)),
  };
  const lastLanded = Math.max(...landedTimes);
  const firstLanded = Math.min(...landedTimes);
  const firstCommit = Math.min(...commits.values());
  return {
    events: bookingIds.length,
    commitMs: committed - started,
    committedPerSecond: (bookingIds.length * 1000) / (committed - started),
    eventsPerSecond: (bookingIds.length * 1000) / (lastLanded - firstCommit),
    drainPerSecond: (bookingIds.length * 1000) / Math.max(1, lastLanded - firstLanded),
    lagMs: spread(lag),
    relayAddLagMs: spread(relayAdd),
    pickupLagMs: consumed ? spread(pickup) : null,
    consumedPerSecond: consumed
      ? (finishedOn.length * 1000) / Math.max(1, Math.max(...finishedOn) - Math.min(...processedOn))
      : null,
    landedSeen: seen,
    relayCpuMsPerEvent: cpuUsedMs / bookingIds.length,
    batches,
    jobOptions: jobs.find((job) => job)?.opts ?? null,
    problems,
  };
}

/** BURST_EVENTS committed as fast as WRITERS connections can, BURST_TRANSACTION per transaction. */
async function burst(bench: Bench, count = BURST_EVENTS): Promise<Measure> {
  const bookingIds = Array.from({ length: count }, () => randomUUID());
  const transactions: string[][] = [];
  for (let index = 0; index < bookingIds.length; index += BURST_TRANSACTION)
    transactions.push(bookingIds.slice(index, index + BURST_TRANSACTION));
  const commits = new Map<string, number>();
  const holdEnds = () => new Date(Date.now() + 30 * 60_000);
  let next = 0;
  const cpuBefore = cpuMs(bench.relayPid);
  const started = Date.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < transactions.length)
        await commit(bench, transactions[next++], holdEnds, commits);
    }),
  );
  const committed = Date.now();
  await drained(bench, false);
  const cpuUsed = cpuMs(bench.relayPid) - cpuBefore;
  return measure(bench, commits, started, committed, false, cpuUsed);
}

/** STEADY_RATE events a second, one per transaction, on a fixed schedule (open loop). */
async function steady(bench: Bench, consumed: boolean, seconds = STEADY_SECONDS): Promise<Measure> {
  const total = STEADY_RATE * seconds;
  const commits = new Map<string, number>();
  const pending: Promise<void>[] = [];
  const cpuBefore = cpuMs(bench.relayPid);
  const started = Date.now();
  for (let index = 0; index < total; index++) {
    const wait = started + (index * 1000) / STEADY_RATE - Date.now();
    if (wait >= 1) await sleep(wait);
    pending.push(commit(bench, [randomUUID()], () => new Date(), commits));
  }
  await Promise.all(pending);
  const committed = Date.now();
  await drained(bench, consumed);
  const cpuUsed = cpuMs(bench.relayPid) - cpuBefore;
  return measure(bench, commits, started, committed, consumed, cpuUsed);
}

async function deleteKeys(redis: IORedis): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 1000);
    cursor = nextCursor;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

interface Series {
  relay: 'worker' | 'baseline';
  load: 'burst' | 'steady';
  runs: Measure[];
}

function log(series: Series, measured: Measure): void {
  const lag = measured.lagMs;
  const pickup = measured.pickupLagMs;
  console.log(
    `  ${series.relay} ${series.load} run ${series.runs.length}: ${measured.events} events committed in ` +
      `${round(measured.commitMs / 1000)} s (${Math.round(measured.committedPerSecond)}/s), ` +
      `${Math.round(measured.eventsPerSecond)} events/s commit → job, drain ${Math.round(measured.drainPerSecond)}/s; ` +
      `lag p50/p95/p99/max ${lag.p50}/${lag.p95}/${lag.p99}/${lag.max} ms` +
      (pickup
        ? `, pickup ${pickup.p50}/${pickup.p95}/${pickup.p99}/${pickup.max} ms, consumed ${Math.round(measured.consumedPerSecond!)}/s`
        : '') +
      `, relay CPU ${round(measured.relayCpuMsPerEvent, 3)} ms/event, ${measured.batches.count} batches` +
      (measured.batches.fullCycleMs >= 0
        ? ` (full ones: every ${measured.batches.fullCycleMs} ms, addBulk ${measured.batches.fullAddBulkMs} ms)`
        : '') +
      ` (added events seen ${measured.landedSeen}/${measured.events})`,
  );
}

interface Summary {
  relay: string;
  load: string;
  events: number;
  committedPerSecond: number;
  eventsPerSecond: number;
  drainPerSecond: number;
  lagMs: Spread;
  relayAddLagMs: Spread;
  pickupLagMs: Spread | null;
  consumedPerSecond: number | null;
  relayCpuMsPerEvent: number;
  fullBatchCycleMs: number;
  fullBatchAddBulkMs: number;
}

function medians(series: Series): Summary {
  const of = (pick: (measured: Measure) => number) => round(median(series.runs.map(pick)), 1);
  const spreadOf = (pick: (measured: Measure) => Spread): Spread => ({
    p50: of((measured) => pick(measured).p50),
    p95: of((measured) => pick(measured).p95),
    p99: of((measured) => pick(measured).p99),
    max: of((measured) => pick(measured).max),
  });
  return {
    relay: series.relay,
    load: series.load,
    events: series.runs[0].events,
    committedPerSecond: Math.round(of((measured) => measured.committedPerSecond)),
    eventsPerSecond: Math.round(of((measured) => measured.eventsPerSecond)),
    drainPerSecond: Math.round(of((measured) => measured.drainPerSecond)),
    lagMs: spreadOf((measured) => measured.lagMs),
    relayAddLagMs: spreadOf((measured) => measured.relayAddLagMs),
    pickupLagMs: series.runs[0].pickupLagMs ? spreadOf((measured) => measured.pickupLagMs!) : null,
    fullBatchCycleMs: of((measured) => measured.batches.fullCycleMs),
    fullBatchAddBulkMs: of((measured) => measured.batches.fullAddBulkMs),
    relayCpuMsPerEvent: round(
      median(series.runs.map((measured) => measured.relayCpuMsPerEvent)),
      3,
    ),
    consumedPerSecond: series.runs[0].consumedPerSecond
      ? Math.round(of((measured) => measured.consumedPerSecond!))
      : null,
  };
}

function costsSummary(all: BatchCosts[]) {
  const batches = all.reduce((sum, costs) => sum + costs.batches, 0);
  const events = all.reduce((sum, costs) => sum + costs.events, 0);
  return {
    batches,
    eventsPerBatch: round(events / Math.max(1, batches), 1),
    emptyPolls: all.reduce((sum, costs) => sum + costs.emptyPolls, 0),
    selectMs: round(median(all.flatMap((costs) => costs.selectMs))),
    addBulkMs: round(median(all.flatMap((costs) => costs.addBulkMs))),
    updateCommitMs: round(median(all.flatMap((costs) => costs.updateCommitMs))),
  };
}

export async function run(): Promise<ScenarioResult> {
  const url = benchDatabaseUrl(DATABASE);
  const redis = new IORedis({ ...redisConnectionOptions(REDIS_URL), maxRetriesPerRequest: 3 });
  const connection = redisConnectionOptions(REDIS_URL);
  const opened: { close(): Promise<unknown> }[] = [];
  let worker: BuiltProcess | null = null;
  let baseline: Baseline | null = null;
  const series: Series[] = [];
  const burstCosts: BatchCosts[] = [];
  const steadyCosts: BatchCosts[] = [];
  const startedAt = Date.now();
  // Other work on this 2-core machine shows here: figures taken at a load above 2 are noisy.
  const loadAtStart = round(loadavg()[0], 1);
  let pollMs = '';
  try {
    await deleteKeys(redis);
    await freshDatabase(url);
    const client = await connect(url, 'bench-outbox');
    opened.push({ close: () => client.end() });
    const db = new DataSource({
      ...postgresOptions({ url, poolSize: WRITERS, applicationName: 'bench-outbox-writer' }),
      entities: [OutboxEvent],
    });
    await db.initialize();
    opened.push({ close: () => db.destroy() });
    const queue = new Queue(QueueName.Booking, { connection, prefix: `${PREFIX}:bull` });
    opened.push(queue);
    const events = new QueueEvents(QueueName.Booking, { connection, prefix: `${PREFIX}:bull` });
    opened.push(events);
    const landed = new Map<string, number>();
    // The stream id of an event is the Redis clock (ms) when the job was stored.
    events.on('added', ({ jobId }, id) => landed.set(jobId, Number(id.split('-')[0])));
    await events.waitUntilReady();
    const bench: Bench = { relayPid: 0, db, outbox: new OutboxService(db), client, queue, landed };

    // The production worker, at its default OUTBOX_POLL_MS and settings.
    pollMs = process.env.OUTBOX_POLL_MS ?? '200 (default)';
    worker = await startBuilt('worker', { DATABASE_URL: url, REDIS_PREFIX: PREFIX });
    bench.relayPid = worker.child.pid!;
    const workerBurst: Series = { relay: 'worker', load: 'burst', runs: [] };
    const workerSteady: Series = { relay: 'worker', load: 'steady', runs: [] };
    series.push(workerBurst, workerSteady);
    await burst(bench, WARMUP_EVENTS);
    await steady(bench, true, 1);
    for (let index = 0; index < RUNS; index++) {
      workerBurst.runs.push(await burst(bench));
      log(workerBurst, workerBurst.runs[workerBurst.runs.length - 1]);
      workerSteady.runs.push(await steady(bench, true));
      log(workerSteady, workerSteady.runs[workerSteady.runs.length - 1]);
    }
    await worker.stop();
    worker = null;

    // The baseline, after the worker has stopped (its jobs stay where they land).
    baseline = await startBaseline(url);
    bench.relayPid = baseline.pid;
    const baselineBurst: Series = { relay: 'baseline', load: 'burst', runs: [] };
    const baselineSteady: Series = { relay: 'baseline', load: 'steady', runs: [] };
    series.push(baselineBurst, baselineSteady);
    baseline.start();
    await burst(bench, WARMUP_EVENTS);
    await steady(bench, false, 1);
    await baseline.stop();
    for (let index = 0; index < RUNS; index++) {
      baseline.start();
      baselineBurst.runs.push(await burst(bench));
      burstCosts.push(await baseline.stop());
      log(baselineBurst, baselineBurst.runs[baselineBurst.runs.length - 1]);
      baseline.start();
      baselineSteady.runs.push(await steady(bench, false));
      steadyCosts.push(await baseline.stop());
      log(baselineSteady, baselineSteady.runs[baselineSteady.runs.length - 1]);
    }
  } finally {
    await baseline?.exit();
    await worker?.stop();
    for (const resource of opened.reverse()) await resource.close();
    await deleteKeys(redis);
    redis.disconnect();
    await disposeDatabase(url);
  }

  const summaries = series.map(medians);
  const find = (relay: string, load: string) =>
    summaries.find((summary) => summary.relay === relay && summary.load === load)!;
  const ratio = (value: number, base: number) => (base > 0 ? `${round(value / base, 1)}×` : '-');
  const rows = summaries.map((summary) => {
    const base = find('baseline', summary.load);
    return [
      summary.relay,
      summary.load,
      summary.events,
      summary.committedPerSecond,
      summary.eventsPerSecond,
      summary.drainPerSecond,
      `${summary.lagMs.p50} / ${summary.lagMs.p95} / ${summary.lagMs.p99} / ${summary.lagMs.max}`,
      summary.pickupLagMs
        ? `${summary.pickupLagMs.p50} / ${summary.pickupLagMs.p95} / ${summary.pickupLagMs.p99} (${summary.consumedPerSecond}/s)`
        : '-',
      summary.relayCpuMsPerEvent,
      summary.relay === 'baseline'
        ? '1×'
        : summary.load === 'burst'
          ? `${ratio(summary.eventsPerSecond, base.eventsPerSecond)} events/s`
          : `${ratio(summary.lagMs.p99, base.lagMs.p99)} p99`,
      `${ratio(summary.relayCpuMsPerEvent, base.relayCpuMsPerEvent)}`,
    ];
  });
  const costs = { burst: costsSummary(burstCosts), steady: costsSummary(steadyCosts) };
  const summary = [
    ...formatTable(
      [
        'relay',
        'load',
        'events',
        'committed/s',
        'events/s commit → job',
        'drain/s',
        'lag commit → in Redis p50 / p95 / p99 / max ms',
        'commit → picked up p50 / p95 / p99 ms (jobs done/s)',
        'relay CPU ms/event',
        'vs baseline',
        'CPU vs baseline',
      ],
      rows,
    ),
    '',
    `Medians of ${RUNS} runs. Worker: the built apps/worker, OUTBOX_POLL_MS ${pollMs}, batches of ${BATCH_SIZE}. ` +
      `Baseline: the same SELECT … FOR UPDATE SKIP LOCKED / addBulk / UPDATE in a bare loop (pg, own process), polling again at once.`,
    `Burst: ${BURST_EVENTS} booking.hold-expiry-due events (delayed jobs), ${BURST_TRANSACTION} per transaction, ${WRITERS} writers. ` +
      `Steady: ${STEADY_RATE} events/s for ${STEADY_SECONDS} s, one per transaction, already due (the worker picks each up and skips it).`,
    `Relay CPU: user + system time of the relaying process per event; the worker's steady figure includes running the jobs.`,
    `Batches of 150+ events in the burst, seen from the jobs (median ms): worker one every ` +
      `${find('worker', 'burst').fullBatchCycleMs} (addBulk ${find('worker', 'burst').fullBatchAddBulkMs}), baseline one every ` +
      `${find('baseline', 'burst').fullBatchCycleMs} (addBulk ${find('baseline', 'burst').fullBatchAddBulkMs}).`,
    `Baseline batch costs (median ms): burst ${costs.burst.eventsPerBatch} events/batch, SELECT ${costs.burst.selectMs}, ` +
      `addBulk ${costs.burst.addBulkMs}, UPDATE+COMMIT ${costs.burst.updateCommitMs}; steady ${costs.steady.eventsPerBatch} events/batch, ` +
      `SELECT ${costs.steady.selectMs}, addBulk ${costs.steady.addBulkMs}, UPDATE+COMMIT ${costs.steady.updateCommitMs}.`,
    `Total ${round((Date.now() - startedAt) / 1000, 1)} s; load average ${loadAtStart} at the start, ${round(loadavg()[0], 1)} at the end.`,
  ];
  const failures = series.flatMap((one) =>
    one.runs.flatMap((measured, index) =>
      measured.problems.map((problem) => `${one.relay} ${one.load} run ${index + 1}: ${problem}`),
    ),
  );
  const result: ScenarioResult = {
    summary,
    failures,
    figures: {
      settings: {
        burstEvents: BURST_EVENTS,
        burstTransaction: BURST_TRANSACTION,
        writers: WRITERS,
        steadyRate: STEADY_RATE,
        steadySeconds: STEADY_SECONDS,
        outboxPollMs: pollMs,
        runs: RUNS,
      },
      loadAverage: { start: loadAtStart, end: round(loadavg()[0], 1) },
      medians: summaries,
      baselineBatchCosts: costs,
      series,
    },
  };
  if (failures.length > 0) throw new ScenarioFailure(result);
  return result;
}

if (require.main === module && process.env[BASELINE_CHILD]) {
  baselineChild().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
