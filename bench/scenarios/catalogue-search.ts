import { spawn } from 'node:child_process';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client, Pool } from 'pg';
import { DataSource, Logger } from 'typeorm';
import { postgresOptions } from '@mutualis/core/database/data-source-options';
import { Clock } from '@mutualis/core/clock/clock';
import { catalogueEntities } from '../../libs/catalogue/src/entities';
import { CategoryRepository } from '../../libs/catalogue/src/repositories/category.repository';
import { ConsultationSlotRepository } from '../../libs/catalogue/src/repositories/consultation-slot.repository';
import {
  OfferingSearchRepository,
  SqlStatement,
} from '../../libs/catalogue/src/repositories/offering-search.repository';
import { TrainingSessionRepository } from '../../libs/catalogue/src/repositories/training-session.repository';
import { PricingService } from '../../libs/catalogue/src/services/pricing.service';
import {
  SearchOfferingsQuery,
  SearchOfferingsUseCase,
} from '../../libs/catalogue/src/use-cases/search-offerings/search-offerings.use-case';
import { ScenarioResult } from '../scenario';
import { CATALOGUE_SIZES, CatalogueSizes, seedCatalogue } from '../support/catalogue-seed';
import {
  benchDatabaseUrl,
  connect,
  disposeDatabase,
  freshDatabase,
  serverFacts,
} from '../support/database';
import { load, LoadFigures } from '../support/load';
import { BuiltProcess, freePort, startBuilt } from '../support/processes';
import { median, round, timed } from '../support/stats';
import { formatTable } from '../support/table';

export const description =
  'Public catalogue searches through the production api against the same SQL served by bare node:http + pg';

/** BENCH_QUICK=1: a fifth of the catalogue and short runs, for checking the scenario. */
const QUICK = process.env.BENCH_QUICK === '1';
const NAME = 'catalogue-search';
const DATABASE = 'mutualis_bench_catalogue';
const REDIS_PREFIX = `mutualis-bench-${NAME}`;
const SIZES: CatalogueSizes = QUICK
  ? { offerings: 2_000, sessions: 10_000, slots: 4_000, consultants: 20 }
  : CATALOGUE_SIZES;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Closed-loop runs: as many connections as the pool has, each sending its next request on reply. */
const CONNECTIONS = 10;
/** The api's default DATABASE_POOL_SIZE, given to both servers. */
const POOL_SIZE = 10;
const SECONDS = QUICK ? 2 : 5;
const WARM_UP_SECONDS = QUICK ? 1 : 2;
/** The fixed-rate runs send this share of the api's median closed-loop throughput, to both. */
const RATE_SHARE = 0.5;
/** The api's DEFAULT_PAGE_SIZE and the use case's NEXT_PER_OFFERING. */
const PAGE = 20;
const NEXT_PER_OFFERING = 3;
const ROOT = join(__dirname, '..', '..');
const BASELINE_APPLICATION = 'mutualis-bench-baseline';
/** Linux's USER_HZ, the unit of /proc/<pid>/stat's times. */
const CLOCK_TICKS = 100;

/**
 * Typical public searches: two words, a category, a département, bookable only. Words from the
 * seed's vocabulary, mostly topic words of the category; départements among the seed's PACA ones
 * (13 the most). At full size each matches 70–420 offerings, so a page is always full.
 */
const MIXES: { q: string; category: string; department: string }[] = [
  { q: 'comptabilité association', category: 'gestion-et-finance', department: '13' },
  { q: 'formation employeur', category: 'ressources-humaines', department: '13' },
  { q: 'statuts RGPD', category: 'juridique', department: '06' },
  { q: 'subvention mécénat', category: 'financement', department: '13' },
  { q: 'gouvernance coopérative', category: 'gouvernance-cooperative', department: '83' },
  { q: 'cybersécurité données', category: 'numerique', department: '84' },
];

function pathOf(mix: (typeof MIXES)[number]): string {
  const query = new URLSearchParams({ ...mix, available: 'true' });
  return `/api/offerings?${query.toString()}`;
}

/** A statement as the baseline runs it: `now` marks the parameter that is the request's instant. */
interface BaselineStatement {
  sql: string;
  parameters: unknown[];
  now: number[];
}

/** Every statement one api search sends, recorded from the use case, for one query mix. */
interface BaselinePlan {
  path: string;
  category: string;
  categories: BaselineStatement;
  search: BaselineStatement;
  facets: BaselineStatement;
  /** TypeORM's `IN ($1, …, $n)`: the baseline renumbers it for the page's ids. */
  offeringsById: string;
  nextSessions: string;
  sessionsById: string;
  nextSlots: string;
}

/** A TypeORM logger that keeps every statement the data source sends. */
class RecordingLogger implements Logger {
  statements: SqlStatement[] = [];
  logQuery(query: string, parameters?: unknown[]): void {
    this.statements.push({ sql: query, parameters: parameters ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

function baselineStatement(statement: SqlStatement): BaselineStatement {
  return {
    sql: statement.sql,
    parameters: statement.parameters.map((value) => (value instanceof Date ? null : value)),
    now: statement.parameters.flatMap((value, index) => (value instanceof Date ? [index] : [])),
  };
}

/**
 * Runs the api's use case once per mix on a real DataSource (the production module's settings)
 * and keeps what it sends, so that the baseline runs the very same statements.
 */
async function recordPlans(url: string): Promise<{ plans: BaselinePlan[]; statements: number }> {
  const logger = new RecordingLogger();
  const dataSource = new DataSource({
    ...postgresOptions({ url, poolSize: 2, applicationName: 'mutualis-bench-record' }),
    entities: catalogueEntities,
    logger,
    logging: true,
  });
  await dataSource.initialize();
  try {
    const useCase = new SearchOfferingsUseCase(
      dataSource,
      new OfferingSearchRepository(dataSource),
      new CategoryRepository(dataSource),
      new TrainingSessionRepository(dataSource),
      new ConsultationSlotRepository(dataSource),
      // Anonymous callers never reach the membership services.
      new PricingService(undefined as never, undefined as never),
      new Clock(),
    );
    const plans: BaselinePlan[] = [];
    let statements = 0;
    for (const mix of MIXES) {
      logger.statements = [];
      const query: SearchOfferingsQuery = {
        actor: null,
        q: mix.q,
        category: mix.category,
        department: mix.department,
        available: true,
        limit: PAGE,
      };
      await useCase.execute(query);
      const sent = logger.statements;
      statements = Math.max(statements, sent.length);
      const find = (what: string, test: (sql: string) => boolean): SqlStatement => {
        const found = sent.filter((statement) => test(statement.sql));
        if (found.length !== 1) throw new Error(`${found.length} statements for ${what}`);
        return found[0];
      };
      const byId = / IN \(\$1/;
      plans.push({
        path: pathOf(mix),
        category: mix.category,
        categories: baselineStatement(find('categories', (sql) => /FROM "categories"/.test(sql))),
        search: baselineStatement(find('search', (sql) => /ORDER BY ts_rank/.test(sql))),
        facets: baselineStatement(find('facets', (sql) => /GROUP BY c\.slug/.test(sql))),
        offeringsById: find(
          'offerings by id',
          (sql) => /FROM "offerings"/.test(sql) && byId.test(sql),
        ).sql,
        nextSessions: find(
          'next sessions',
          (sql) => /row_number\(\)/.test(sql) && /FROM sessions/.test(sql),
        ).sql,
        sessionsById: find('sessions by id', (sql) => /FROM "sessions"/.test(sql) && byId.test(sql))
          .sql,
        nextSlots: find(
          'next slots',
          (sql) => /row_number\(\)/.test(sql) && /consultation_slots/.test(sql),
        ).sql,
      });
      if (sent.length !== 7) {
        throw new Error(`expected 7 statements per search, the use case sent ${sent.length}`);
      }
    }
    return { plans, statements };
  } finally {
    await dataSource.destroy();
  }
}

/** `IN ($1, $2, …)` with as many placeholders as values. */
function inList(sql: string, count: number): string {
  const placeholders = Array.from({ length: count }, (_, index) => `$${index + 1}`).join(', ');
  // A function, not a string: `$1` in a replacement string means the first captured group.
  return sql.replace(/ IN \(\$1(, \$\d+)*\)/, () => ` IN (${placeholders})`);
}

/**
 * The baseline: a bare node:http server and a pg Pool of the api's size, running the statements
 * the api's search sends, in the same order and with the same concurrency (Promise.all where the
 * use case has one), answering JSON of about the same size (the rows, without descriptions).
 * Runs in a child process, as the api does, started with BASELINE_PLANS.
 */
async function serveBaseline(): Promise<void> {
  const plans = new Map(
    (JSON.parse(process.env.BASELINE_PLANS ?? '[]') as BaselinePlan[]).map((plan) => [
      plan.path,
      plan,
    ]),
  );
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE),
    application_name: BASELINE_APPLICATION,
  });
  const run = <T>(statement: BaselineStatement): Promise<T[]> => {
    const parameters = [...statement.parameters];
    const now = new Date();
    for (const index of statement.now) parameters[index] = now;
    return pool.query(statement.sql, parameters).then((result) => result.rows as T[]);
  };
  const answer = async (plan: BaselinePlan): Promise<unknown> => {
    const categories = await run<{ Category_id: string; Category_slug: string }>(plan.categories);
    const [rows, facets] = await Promise.all([
      run<{ id: string; sort: string }>(plan.search),
      run<{ slug: string; count: number }>(plan.facets),
    ]);
    const ids = rows.slice(0, PAGE).map((row) => row.id);
    const [offerings, next, slots] = await Promise.all([
      ids.length
        ? pool.query(inList(plan.offeringsById, ids.length), ids).then((result) => result.rows)
        : Promise.resolve([]),
      ids.length
        ? pool.query<{ id: string }>(plan.nextSessions, [ids, NEXT_PER_OFFERING])
        : Promise.resolve({ rows: [] as { id: string }[] }),
      ids.length
        ? pool.query(plan.nextSlots, [ids, NEXT_PER_OFFERING]).then((result) => result.rows)
        : Promise.resolve([]),
    ]);
    const sessionIds = next.rows.map((row) => row.id);
    const sessions = sessionIds.length
      ? (await pool.query(inList(plan.sessionsById, sessionIds.length), sessionIds)).rows
      : [];
    // TypeORM's aliases off (`Offering_title` → `title`), descriptions left out, as the api does.
    const plain = (row: Record<string, unknown>): Record<string, unknown> =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [key.replace(/^[A-Z]\w*?_/, ''), value]),
      );
    const items = (offerings as Record<string, unknown>[]).map((offering) => {
      const { description: _description, ...rest } = plain(offering);
      return {
        ...rest,
        nextSessions: sessions
          .filter((session) => session.TrainingSession_offering_id === rest.id)
          .map(plain),
        nextSlots: slots.filter((slot) => slot.offering_id === rest.id),
      };
    });
    return {
      items,
      nextCursor: rows.length > PAGE ? `${rows[PAGE - 1].sort}|${rows[PAGE - 1].id}` : null,
      facets: {
        categories: categories.map((category) => ({
          ...plain(category),
          count: facets.find((facet) => facet.slug === category.Category_slug)?.count ?? 0,
        })),
      },
      total: facets.find((facet) => facet.slug === plan.category)?.count ?? 0,
    };
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.url === '/ready') {
      response.writeHead(200).end('ok');
      return;
    }
    const plan = plans.get(request.url ?? '');
    if (!plan) {
      response.writeHead(404).end();
      return;
    }
    answer(plan).then(
      (body) => {
        const json = JSON.stringify(body);
        response
          .writeHead(200, {
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(json),
          })
          .end(json);
      },
      (error: unknown) => {
        response.writeHead(500).end(String(error));
      },
    );
  });
  const stop = (): void => {
    server.close();
    void pool.end().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  server.listen(Number(process.env.PORT), '127.0.0.1');
}

/** Starts the baseline in its own node process (through bench/register.js), like the api. */
async function startBaseline(url: string, plans: BaselinePlan[]): Promise<BuiltProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', join(ROOT, 'bench/register.js'), __filename], {
    cwd: ROOT,
    env: {
      ...process.env,
      CATALOGUE_SEARCH_BASELINE: '1',
      BASELINE_PLANS: JSON.stringify(plans),
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      PORT: String(port),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/ready`)).ok) break;
    } catch {
      if (Date.now() > deadline) throw new Error('the baseline server did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    child,
    port,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

interface Answer {
  status: number;
  total: number;
  bytes: number;
  error?: string;
}

interface Target {
  name: 'api' | 'baseline';
  port: number;
  pid: number;
  /** Its connections' application_name, to find their PostgreSQL backends. */
  applicationName: string;
}

/** CPU time (user + system) of a process so far, in ms, from /proc (Linux; 0 elsewhere). */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command's closing parenthesis start at field 3; utime and stime are 14, 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/**
 * CPU spent so far by a server's node process and by the PostgreSQL backends of its pool: per
 * request, they show where a search's time goes whatever else the machine is doing.
 */
async function cpuOf(client: Client, target: Target): Promise<{ node: number; postgres: number }> {
  const { rows } = await client.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
    [target.applicationName],
  );
  return {
    node: processCpuMs(target.pid),
    postgres: rows.reduce((sum, row) => sum + processCpuMs(row.pid), 0),
  };
}

/** Each mix once, in turn: statuses, totals and payload sizes, for checks and the report. */
async function probe(target: Target): Promise<Answer[]> {
  const answers = [];
  for (const mix of MIXES) {
    const response = await fetch(`http://127.0.0.1:${target.port}${pathOf(mix)}`);
    const text = await response.text();
    let total = Number.NaN;
    try {
      total = (JSON.parse(text) as { total: number }).total;
    } catch {
      total = Number.NaN;
    }
    answers.push({
      status: response.status,
      total,
      bytes: Buffer.byteLength(text),
      ...(response.ok ? {} : { error: text.slice(0, 300) }),
    });
  }
  return answers;
}

function loadOf(target: Target, options: { connections?: number; rate?: number }, seconds: number) {
  return load({
    url: `http://127.0.0.1:${target.port}`,
    connections: options.connections ?? CONNECTIONS,
    rate: options.rate,
    durationSeconds: seconds,
    requests: MIXES.map((mix) => ({ method: 'GET' as const, path: pathOf(mix) })),
  });
}

interface Summary {
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  runs: LoadFigures[];
}

function summarise(runs: LoadFigures[]): Summary {
  return {
    requestsPerSecond: round(median(runs.map((run) => run.requestsPerSecond)), 1),
    p50Ms: round(median(runs.map((run) => run.p50Ms)), 1),
    p95Ms: round(median(runs.map((run) => run.p95Ms)), 1),
    p99Ms: round(median(runs.map((run) => run.p99Ms)), 1),
    runs,
  };
}

function badRuns(name: string, runs: LoadFigures[]): string[] {
  return runs
    .filter((run) => run.non2xx > 0 || run.errors > 0 || run.timeouts > 0)
    .map(
      (run) =>
        `${name}: ${run.non2xx} non-2xx, ${run.errors} errors, ${run.timeouts} timeouts in ${run.requests} requests`,
    );
}

async function deleteRedisKeys(): Promise<number> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  await redis.connect();
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}

export async function run(): Promise<ScenarioResult> {
  const started = Date.now();
  const url = benchDatabaseUrl(DATABASE);
  const migrations = await freshDatabase(url);
  console.log(`database ${DATABASE} migrated: ${migrations.length} migrations`);
  const client = await connect(url, 'mutualis-bench');
  const processes: BuiltProcess[] = [];
  try {
    const server = await serverFacts(client);
    const seeding = await timed(() => seedCatalogue(client, SIZES));
    const counts = seeding.value;
    console.log(`seeded in ${(seeding.ms / 1000).toFixed(1)} s:`, counts);

    const { plans, statements } = await recordPlans(url);
    const api = await startBuilt('api', {
      NODE_ENV: 'production',
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      REDIS_PREFIX,
      JWT_ACCESS_SECRET: 'bench-catalogue-search-secret-not-for-production-0123456789',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      // e.g. `--require ./profile-hook.js`, to profile the api (Nest re-raises SIGTERM after
      // closing, so `--cpu-prof` never gets to write its profile).
      ...(process.env.CATALOGUE_API_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.CATALOGUE_API_NODE_OPTIONS }
        : {}),
    });
    processes.push(api);
    const baseline = await startBaseline(url, plans);
    processes.push(baseline);
    const targets: Target[] = [
      { name: 'api', port: api.port, pid: api.child.pid!, applicationName: 'mutualis-api' },
      {
        name: 'baseline',
        port: baseline.port,
        pid: baseline.child.pid!,
        applicationName: BASELINE_APPLICATION,
      },
    ];

    const failures: string[] = [];
    const answers: Record<string, Answer[]> = {};
    for (const target of targets) {
      answers[target.name] = await probe(target);
      for (const [index, answer] of answers[target.name].entries()) {
        if (answer.status !== 200)
          failures.push(
            `${target.name}: ${pathOf(MIXES[index])} answered ${answer.status} ${answer.error ?? ''}`,
          );
      }
    }
    for (const [index, mix] of MIXES.entries()) {
      const [fromApi, fromBaseline] = [answers.api[index].total, answers.baseline[index].total];
      if (!(fromApi > 0)) failures.push(`api: "${mix.q}" found no offerings`);
      if (fromApi !== fromBaseline)
        failures.push(`"${mix.q}": the api counts ${fromApi}, the baseline ${fromBaseline}`);
    }
    console.log('totals per mix:', answers.api.map((answer) => answer.total).join(', '));

    // Warm both up (V8, plans, pool connections).
    for (const target of targets) await loadOf(target, {}, WARM_UP_SECONDS);

    // Closed loop, interleaved so that any drift of the machine hits both alike.
    const closed: Record<string, LoadFigures[]> = { api: [], baseline: [] };
    const cpu: Record<string, { node: number[]; postgres: number[] }> = {
      api: { node: [], postgres: [] },
      baseline: { node: [], postgres: [] },
    };
    for (let run = 0; run < RUNS; run += 1) {
      for (const target of targets) {
        const before = await cpuOf(client, target);
        const figures = await loadOf(target, {}, SECONDS);
        const after = await cpuOf(client, target);
        closed[target.name].push(figures);
        cpu[target.name].node.push((after.node - before.node) / figures.requests);
        cpu[target.name].postgres.push((after.postgres - before.postgres) / figures.requests);
        console.log(
          `closed ${run + 1}/${RUNS} ${target.name}: ${figures.requestsPerSecond} req/s, ` +
            `p50 ${round(figures.p50Ms, 1)} p95 ${round(figures.p95Ms, 1)} p99 ${round(figures.p99Ms, 1)} ms; ` +
            `CPU per search: node ${round(cpu[target.name].node.at(-1)!, 1)} ms, ` +
            `PostgreSQL ${round(cpu[target.name].postgres.at(-1)!, 1)} ms`,
        );
      }
    }
    const cpuPerSearch = Object.fromEntries(
      Object.entries(cpu).map(([name, { node, postgres }]) => [
        name,
        { nodeMs: round(median(node), 2), postgresMs: round(median(postgres), 2) },
      ]),
    );
    const closedApi = summarise(closed.api);
    const closedBaseline = summarise(closed.baseline);

    // Open loop at a fixed rate both can sustain: latency without queueing in the client.
    const rate = Math.max(10, Math.round(closedApi.requestsPerSecond * RATE_SHARE));
    const fixed: Record<string, LoadFigures[]> = { api: [], baseline: [] };
    for (let run = 0; run < RUNS; run += 1) {
      for (const target of targets) {
        const figures = await loadOf(target, { rate }, SECONDS);
        fixed[target.name].push(figures);
        console.log(
          `rate ${rate}/s ${run + 1}/${RUNS} ${target.name}: ${figures.requestsPerSecond} req/s, ` +
            `p50 ${round(figures.p50Ms, 1)} p95 ${round(figures.p95Ms, 1)} p99 ${round(figures.p99Ms, 1)} ms`,
        );
      }
    }
    const fixedApi = summarise(fixed.api);
    const fixedBaseline = summarise(fixed.baseline);
    for (const [name, runs] of Object.entries({ ...closed })) failures.push(...badRuns(name, runs));
    for (const [name, runs] of Object.entries(fixed))
      failures.push(...badRuns(`${name} at ${rate}/s`, runs));

    const ratio = (api: number, base: number): string => `${round((api / base) * 100, 0)} %`;
    const table = formatTable(
      ['run', 'server', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'api/baseline req/s', 'p50 ×'],
      [
        [
          `${CONNECTIONS} connections`,
          'api',
          closedApi.requestsPerSecond,
          closedApi.p50Ms,
          closedApi.p95Ms,
          closedApi.p99Ms,
          ratio(closedApi.requestsPerSecond, closedBaseline.requestsPerSecond),
          round(closedApi.p50Ms / closedBaseline.p50Ms, 2),
        ],
        [
          `${CONNECTIONS} connections`,
          'baseline',
          closedBaseline.requestsPerSecond,
          closedBaseline.p50Ms,
          closedBaseline.p95Ms,
          closedBaseline.p99Ms,
          '',
          '',
        ],
        [
          `${rate} req/s fixed`,
          'api',
          fixedApi.requestsPerSecond,
          fixedApi.p50Ms,
          fixedApi.p95Ms,
          fixedApi.p99Ms,
          '',
          round(fixedApi.p50Ms / fixedBaseline.p50Ms, 2),
        ],
        [
          `${rate} req/s fixed`,
          'baseline',
          fixedBaseline.requestsPerSecond,
          fixedBaseline.p50Ms,
          fixedBaseline.p95Ms,
          fixedBaseline.p99Ms,
          '',
          '',
        ],
      ],
    );
    const bytes = (name: string): number => median(answers[name].map((answer) => answer.bytes));
    const summary = [
      `PostgreSQL ${server.server_version}; ${counts.offerings} offerings (${counts.published_offerings} published), ` +
        `${counts.sessions} sessions, ${counts.slots} slots; seeded in ${(seeding.ms / 1000).toFixed(1)} s`,
      `${MIXES.length} searches in turn (text + category + département, available only), ` +
        `offerings found: ${answers.api.map((answer) => answer.total).join(', ')}`,
      `payload median: api ${bytes('api')} B, baseline ${bytes('baseline')} B; ${statements} statements ` +
        `per search in both (recorded from the use case); pool of ${POOL_SIZE} in both`,
      `medians of ${RUNS} runs of ${SECONDS} s each${QUICK ? ' (BENCH_QUICK)' : ''}`,
      ...table,
      `CPU per search in the closed runs (medians): api node ${cpuPerSearch.api.nodeMs} ms + ` +
        `PostgreSQL ${cpuPerSearch.api.postgresMs} ms; baseline node ${cpuPerSearch.baseline.nodeMs} ms + ` +
        `PostgreSQL ${cpuPerSearch.baseline.postgresMs} ms`,
    ];
    return {
      summary,
      failures,
      figures: {
        quick: QUICK,
        server,
        counts,
        seedingMs: round(seeding.ms, 0),
        mixes: MIXES.map((mix, index) => ({
          ...mix,
          path: pathOf(mix),
          total: answers.api[index].total,
          apiBytes: answers.api[index].bytes,
          baselineBytes: answers.baseline[index].bytes,
        })),
        poolSize: POOL_SIZE,
        connections: CONNECTIONS,
        secondsPerRun: SECONDS,
        statementsPerSearch: statements,
        cpuPerSearch,
        closed: { api: closedApi, baseline: closedBaseline },
        fixedRate: { rate, api: fixedApi, baseline: fixedBaseline },
        ratios: {
          throughput: round(closedApi.requestsPerSecond / closedBaseline.requestsPerSecond, 3),
          closedP50: round(closedApi.p50Ms / closedBaseline.p50Ms, 2),
          fixedP50: round(fixedApi.p50Ms / fixedBaseline.p50Ms, 2),
          fixedP99: round(fixedApi.p99Ms / fixedBaseline.p99Ms, 2),
        },
        totalMs: Date.now() - started,
      },
    };
  } finally {
    for (const child of processes.reverse()) await child.stop();
    await client.end();
    await disposeDatabase(url);
    const deleted = await deleteRedisKeys().catch((error: unknown) => {
      console.log(`could not delete the ${REDIS_PREFIX} Redis keys: ${String(error)}`);
      return 0;
    });
    console.log(`deleted ${deleted} Redis keys under ${REDIS_PREFIX}`);
  }
}

if (process.env.CATALOGUE_SEARCH_BASELINE === '1' && require.main === module) void serveBaseline();
