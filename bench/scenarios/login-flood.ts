import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import Redis from 'ioredis';
import { ScenarioResult } from '../scenario';
import { benchDatabaseUrl, disposeDatabase, freshDatabase } from '../support/database';
import { BuiltProcess, startBuilt } from '../support/processes';
import { round } from '../support/stats';
import { formatTable } from '../support/table';

/*
 * Login under a flood (issue 16, §1.4 and its acceptance point): "50 concurrent logins with
 * random e-mails from one address do not raise a legitimate user's login above 1 s".
 *
 * The production build of the api (dist/, NODE_ENV=production, TRUST_PROXY_HOPS=1 so each
 * request says its client address in X-Forwarded-For), on a fresh database with one
 * registered user. Three phases, each a series of rounds:
 *  - quiet: the user logs in alone (one login per round);
 *  - flood: each round, 50 logins with random e-mails from one address (a new one each round:
 *    an attacker's first minute, the worst case for the per-address budget) are sent at once,
 *    and the user logs in from another address at the same instant;
 *  - flood, one at a time: the same with RATE_LIMIT_LOGIN_ADDRESS_CONCURRENCY=1 (default 2);
 *  - flood, unprotected: the same against an api whose per-address budget, per-address
 *    concurrency and hashing line are configured away (RATE_LIMIT_LOGIN_ADDRESS_MAX=100000,
 *    RATE_LIMIT_LOGIN_ADDRESS_CONCURRENCY=1000, PASSWORD_HASH_CONCURRENCY=64,
 *    PASSWORD_HASH_QUEUE_MAX=10000): what the api did before issue 16.
 * The machine's load average is recorded before and after: a login alone takes one argon2id
 * hash, so on a busy machine every figure grows with it; the ratio to the quiet phase does not.
 * Each of the user's logins comes from an address of its own, so the per-e-mail limit (5 a
 * minute per e-mail and address) never refuses them. Reports the user's login latency (p50,
 * p95, max) per phase and what the flood was answered; fails when a protected login under
 * the flood takes more than 1 s or any of the user's logins is refused.
 */

export const description =
  "Login under a flood: a user's login latency (p50/p95/max) alone, under 50 concurrent logins with random e-mails from one address, and the same without the per-address budget and hashing line";

const NAME = 'login-flood';
const DATABASE = 'mutualis_bench_login';
const REDIS_PREFIX = `mutualis-bench-${NAME}`;
const QUICK = process.env.BENCH_QUICK === '1';
const ROUNDS = QUICK ? 3 : 20;
const UNPROTECTED_ROUNDS = QUICK ? 2 : 5;
const FLOOD = 50;
const LIMIT_MS = 1000;
const PASSWORD = 'correct horse battery staple';
const EMAIL = 'legitime@bench.mutualis.fr';

interface Answer {
  status: number;
  ms: number;
}

interface PhaseFigures {
  rounds: number;
  user: { p50Ms: number; p95Ms: number; maxMs: number; statuses: Record<string, number> };
  flood: { statuses: Record<string, number>; p50Ms: number; maxMs: number } | null;
}

let addressCounter = 0;
/** A fresh documentation address (RFC 5737 / 3849 ranges are not routed) per use. */
function freshAddress(): string {
  addressCounter += 1;
  return `203.0.${Math.floor(addressCounter / 250) % 250}.${(addressCounter % 250) + 1}`;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function countStatuses(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) counts[answer.status] = (counts[answer.status] ?? 0) + 1;
  return counts;
}

async function login(port: number, email: string, password: string, from: string): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ email, password }),
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function phase(port: number, rounds: number, flood: boolean): Promise<PhaseFigures> {
  const user: Answer[] = [];
  const flooded: Answer[] = [];
  for (let index = 0; index < rounds; index++) {
    const attacker = freshAddress();
    const attack = flood
      ? Array.from({ length: FLOOD }, () =>
          login(port, `${randomBytes(6).toString('hex')}@flood.example`, 'guess guess', attacker),
        )
      : [];
    const mine = login(port, EMAIL, PASSWORD, freshAddress());
    const [answer, ...floodAnswers] = await Promise.all([mine, ...attack]);
    user.push(answer);
    flooded.push(...floodAnswers);
    // Let the hashing line drain before the next round.
    await pause(flood ? 1500 : 200);
  }
  const userMs = user.map((answer) => answer.ms);
  const floodMs = flooded.map((answer) => answer.ms);
  return {
    rounds,
    user: {
      p50Ms: round(percentile(userMs, 50)),
      p95Ms: round(percentile(userMs, 95)),
      maxMs: round(Math.max(...userMs)),
      statuses: countStatuses(user),
    },
    flood: flood
      ? {
          statuses: countStatuses(flooded),
          p50Ms: round(percentile(floodMs, 50)),
          maxMs: round(Math.max(...floodMs)),
        }
      : null,
  };
}

async function deleteRedisKeys(): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function startApi(url: string, extra: Record<string, string>): Promise<BuiltProcess> {
  await deleteRedisKeys();
  return startBuilt('api', {
    NODE_ENV: 'production',
    DATABASE_URL: url,
    REDIS_PREFIX,
    JWT_ACCESS_SECRET: randomBytes(32).toString('base64url'),
    SMTP_URL: 'smtp://127.0.0.1:2525',
    TRUST_PROXY_HOPS: '1',
    // Every refused login would print a line.
    LOG_LEVEL: 'error',
    ...extra,
  });
}

export async function run(): Promise<ScenarioResult> {
  const url = benchDatabaseUrl(DATABASE);
  const failures: string[] = [];
  const figures: Record<string, unknown> = {
    flood: FLOOD,
    limitMs: LIMIT_MS,
    loadAverageBefore: loadavg().map((value) => round(value)),
  };
  const phases: Record<string, PhaseFigures> = {};
  let api: BuiltProcess | null = null;
  try {
    await freshDatabase(url);
    api = await startApi(url, {});
    const registered = await fetch(`http://127.0.0.1:${api.port}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': freshAddress() },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD, name: 'Utilisatrice légitime' }),
    });
    if (registered.status !== 202) throw new Error(`registration answered ${registered.status}`);
    // Warm-up: the JIT, the pools, argon2's first hashes.
    await phase(api.port, 3, false);

    phases.quiet = await phase(api.port, ROUNDS, false);
    console.log(`  quiet: ${JSON.stringify(phases.quiet.user)}`);
    phases.flood = await phase(api.port, ROUNDS, true);
    console.log(`  flood: ${JSON.stringify(phases.flood)}`);
    await api.stop();
    api = null;

    // The same with one login at a time per address instead of two (the default).
    api = await startApi(url, { RATE_LIMIT_LOGIN_ADDRESS_CONCURRENCY: '1' });
    await phase(api.port, 3, false);
    phases.floodOneAtATime = await phase(api.port, ROUNDS, true);
    console.log(`  flood, one at a time per address: ${JSON.stringify(phases.floodOneAtATime)}`);
    await api.stop();
    api = null;

    const unprotected = {
      RATE_LIMIT_LOGIN_ADDRESS_MAX: '100000',
      RATE_LIMIT_LOGIN_ADDRESS_CONCURRENCY: '1000',
      PASSWORD_HASH_CONCURRENCY: '64',
      PASSWORD_HASH_QUEUE_MAX: '10000',
    };
    figures.unprotectedSettings = unprotected;
    api = await startApi(url, unprotected);
    await phase(api.port, 3, false);
    phases.unprotected = await phase(api.port, UNPROTECTED_ROUNDS, true);
    console.log(`  unprotected flood: ${JSON.stringify(phases.unprotected)}`);
  } finally {
    await api?.stop();
    await disposeDatabase(url);
    await deleteRedisKeys();
  }

  figures.phases = phases;
  figures.loadAverageAfter = loadavg().map((value) => round(value));
  for (const [name, measured] of Object.entries(phases)) {
    const refused = measured.rounds - (measured.user.statuses['200'] ?? 0);
    if (name !== 'unprotected' && refused > 0) {
      failures.push(`${name}: ${refused} of the user's logins were not answered 200`);
    }
  }
  if (phases.flood.user.maxMs > LIMIT_MS) {
    failures.push(
      `under the flood the user's slowest login took ${phases.flood.user.maxMs} ms (> ${LIMIT_MS} ms)`,
    );
  }
  const floodStatuses = (figures: PhaseFigures) =>
    Object.entries(figures.flood?.statuses ?? {})
      .map(([status, count]) => `${count}×${status}`)
      .join(' ');
  const summary = formatTable(
    [
      'phase',
      'rounds',
      'user p50 ms',
      'user p95 ms',
      'user max ms',
      'user answers',
      'flood answers',
      'flood p50 / max ms',
    ],
    Object.entries(phases).map(([name, measured]) => [
      name,
      measured.rounds,
      measured.user.p50Ms,
      measured.user.p95Ms,
      measured.user.maxMs,
      Object.entries(measured.user.statuses)
        .map(([status, count]) => `${count}×${status}`)
        .join(' '),
      floodStatuses(measured) || '-',
      measured.flood ? `${measured.flood.p50Ms} / ${measured.flood.maxMs}` : '-',
    ]),
  );
  const ratio = (name: string) => round(phases[name].user.p50Ms / phases.quiet.user.p50Ms, 1);
  summary.push(
    '',
    `Under the flood the user's slowest login took ${phases.flood.user.maxMs} ms (limit ${LIMIT_MS} ms); ` +
      `median ${ratio('flood')}× the quiet one (unprotected: ${ratio('unprotected')}×).`,
    `Load average (1, 5, 15 min) before ${(figures.loadAverageBefore as number[]).join(', ')}, ` +
      `after ${(figures.loadAverageAfter as number[]).join(', ')}.`,
  );
  return { summary, failures, figures };
}
