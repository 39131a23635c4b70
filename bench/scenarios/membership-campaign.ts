import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  CoreConfigModule,
  DatabaseModule,
  OutboxModule,
  QueueModule,
  RedisModule,
} from '@mutualis/core';
import { SnakeNamingStrategy } from '@mutualis/core/database/snake-naming.strategy';
import { configureChambre } from '@mutualis/testing/catalogue.factory';
import { Invoice } from '../../libs/invoicing/src/entities/invoice.entity';
import { InvoiceLine } from '../../libs/invoicing/src/entities/invoice-line.entity';
import { renderFacturX } from '../../libs/invoicing/src/einvoice/factur-x';
import { InvoiceRepository } from '../../libs/invoicing/src/repositories/invoice.repository';
import { toDocument } from '../../libs/invoicing/src/services/invoice-pdf.service';
import { MembershipModule } from '../../libs/membership/src/membership.module';
import { LaunchCampaignUseCase } from '../../libs/membership/src/use-cases/launch-campaign/launch-campaign.use-case';
import { ScenarioFailure, ScenarioResult } from '../scenario';
import { benchDatabaseUrl, connect, disposeDatabase, freshDatabase } from '../support/database';
import { BuiltProcess, startBuilt } from '../support/processes';
import { median, round } from '../support/stats';
import { formatTable } from '../support/table';
import { nthSiret } from '../support/siret';

export const description =
  'The yearly renewal campaign for the Chambre’s 16,600 members through 1 and 2 production workers: launch, invoices stored as Factur-X, gapless numbering, worker memory; Factur-X rendering alone as the baseline';

const DATABASE = 'mutualis_bench_membership';
const REDIS_PREFIX = 'mutualis-bench-membership';
const QUICK = process.env.BENCH_QUICK === '1';
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? (QUICK ? 200 : 16_600));
const WORKER_COUNTS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);
/** The goal: the whole campaign in under ten minutes on this machine. */
const GOAL_MS = 10 * 60_000;
const RUN_TIMEOUT_MS = Math.max(120_000, MEMBERS * 150);
const BASELINE_SIZE = QUICK ? 30 : 200;
const YEAR = new Date().getFullYear() + 1;

const FAMILIES = [
  'association',
  'cooperative',
  'mutual',
  'foundation',
  'commercial_ess',
  'federation',
];
const LEGAL_FORMS = ['association', 'scop', 'mutuelle', 'fondation', 'esus', 'other'];

/**
 * `count` organisations, each an active member of the year before the campaign's with a
 * profile (family and headcount), and the campaign year's grid: three headcount brackets per
 * family. Set-based SQL, as the import would leave them.
 */
async function seedMembers(client: Client, count: number): Promise<void> {
  const sirets = Array.from({ length: count }, (_, index) => nthSiret(index + 1));
  await client.query(
    `INSERT INTO organisations (legal_name, legal_form, siret, address_line1, postal_code, city, department, billing_email)
     SELECT 'Adhérent ' || n || ' de l’ESS en Provence', ($2::text[])[1 + n % 6], siret,
            n || ' boulevard de la Libération', '13004', 'Marseille', '13', 'tresorerie' || n || '@bench.mutualis.fr'
       FROM unnest($1::text[]) WITH ORDINALITY AS t(siret, n)`,
    [sirets, LEGAL_FORMS],
  );
  const { rows } = await client.query<{ id: string }>(`SELECT id FROM chambres LIMIT 1`);
  const chambreId = rows[0].id;
  await client.query(
    `INSERT INTO memberships (organisation_id, year, status, fee_cents)
     SELECT id, $1, 'active', 15000 FROM organisations`,
    [YEAR - 1],
  );
  await client.query(
    `INSERT INTO membership_profiles (organisation_id, chambre_id, family, headcount)
     SELECT id, $1, ($2::text[])[1 + abs(hashtext(id::text)) % 6], abs(hashtext(siret)) % 120
       FROM organisations`,
    [chambreId, FAMILIES],
  );
  const schedule = await client.query<{ id: string }>(
    `INSERT INTO membership_fee_schedules (chambre_id, year, vat_treatment, grace_until)
     VALUES ($1, $2::smallint, 'out_of_scope', make_date($2::int, 3, 31)) RETURNING id`,
    [chambreId, YEAR],
  );
  await client.query(
    `INSERT INTO membership_fee_rates (schedule_id, family, basis, lower_bound, upper_bound, amount_cents)
     SELECT $1, family, 'headcount', lower, upper, amount
       FROM unnest($2::text[]) AS f(family)
      CROSS JOIN (VALUES (0, 10, 8000), (10, 50, 25000), (50, NULL, 60000)) AS b(lower, upper, amount)`,
    [schedule.rows[0].id, FAMILIES],
  );
  await client.query('VACUUM ANALYZE');
}

async function deleteRedisKeys(): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
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

/** Launches the campaign as the api does (LaunchCampaignUseCase, in this process). */
async function launch(url: string, adminId: string): Promise<{ campaignId: string; ms: number }> {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, REDIS_PREFIX: process.env.REDIS_PREFIX };
  Object.assign(process.env, { DATABASE_URL: url, REDIS_PREFIX, LOG_LEVEL: 'warn' });
  let app: INestApplicationContext | null = null;
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [
        CoreConfigModule,
        DatabaseModule,
        RedisModule,
        OutboxModule,
        QueueModule,
        MembershipModule,
      ],
    }).compile();
    app = await moduleRef.init();
    const start = performance.now();
    const campaign = await app
      .get(LaunchCampaignUseCase)
      .execute({ actor: { userId: adminId, roles: ['admin'] }, year: YEAR });
    return { campaignId: campaign.id, ms: performance.now() - start };
  } finally {
    await app?.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** Resident memory of a process, in MiB, from /proc (0 once it is gone). */
function rssMib(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kib / 1024;
  } catch {
    return 0;
  }
}

interface Progress {
  pending: number;
  issued: number;
  failed: number;
  stored: number;
}

async function progress(client: Client, campaignId: string): Promise<Progress> {
  const { rows } = await client.query<Progress>(
    `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
            count(*) FILTER (WHERE status = 'issued')::int AS issued,
            count(*) FILTER (WHERE status = 'failed')::int AS failed,
            (SELECT count(*)::int FROM invoices WHERE type = 'invoice' AND pdf_sha256 IS NOT NULL) AS stored
       FROM membership_campaign_items WHERE campaign_id = $1`,
    [campaignId],
  );
  return rows[0];
}

/** Numbering, one invoice per membership, and every PDF stored with its hash; each string a failure. */
async function check(client: Client, size: number, storageDir: string): Promise<string[]> {
  const failures: string[] = [];
  const [row] = (
    await client.query<{
      invoices: number;
      memberships: number;
      min: number;
      max: number;
      without_pdf: number;
      counter: number;
      not_pending: number;
    }>(
      `SELECT count(*)::int AS invoices, count(DISTINCT membership_id)::int AS memberships,
              min(sequence) AS min, max(sequence) AS max,
              count(*) FILTER (WHERE pdf_sha256 IS NULL)::int AS without_pdf,
              (SELECT max(last_number) FROM invoice_counters WHERE series = 'F') AS counter,
              (SELECT count(*)::int FROM memberships WHERE year = $1 AND status <> 'pending') AS not_pending
         FROM invoices WHERE type = 'invoice'`,
      [YEAR],
    )
  ).rows;
  if (row.invoices !== size) failures.push(`${row.invoices} invoices for ${size} members`);
  if (row.memberships !== row.invoices)
    failures.push(`${row.invoices - row.memberships} memberships invoiced twice`);
  if (row.min !== 1 || row.max !== row.invoices || row.counter !== row.max)
    failures.push(
      `numbering not gapless: ${row.min}–${row.max} for ${row.invoices}, counter ${row.counter}`,
    );
  if (row.without_pdf !== 0) failures.push(`${row.without_pdf} invoices without PDF`);
  if (row.not_pending !== 0) failures.push(`${row.not_pending} renewed memberships not pending`);
  const { rows: sample } = await client.query<{ pdf_path: string; pdf_sha256: string }>(
    `SELECT pdf_path, pdf_sha256 FROM invoices WHERE pdf_path IS NOT NULL ORDER BY sequence DESC LIMIT 20`,
  );
  for (const stored of sample) {
    const hash = createHash('sha256')
      .update(readFileSync(join(storageDir, stored.pdf_path)))
      .digest('hex');
    if (hash !== stored.pdf_sha256)
      failures.push(`${stored.pdf_path}: stored file has another hash`);
  }
  return failures;
}

/** Factur-X of the campaign's own invoices rendered in this process: what rendering alone allows. */
async function renderBaseline(url: string): Promise<{ perSecond: number; roundsMs: number[] }> {
  const db = new DataSource({
    type: 'postgres',
    url,
    entities: [Invoice, InvoiceLine],
    namingStrategy: new SnakeNamingStrategy(),
  });
  await db.initialize();
  try {
    const invoices = await db
      .getRepository(Invoice)
      .find({ where: { type: 'invoice' }, order: { sequence: 'ASC' }, take: BASELINE_SIZE });
    const lines = await new InvoiceRepository(db).linesOf(invoices.map((invoice) => invoice.id));
    const documents = invoices.map((invoice) =>
      toDocument(
        invoice,
        lines.filter((line) => line.invoiceId === invoice.id),
        null,
        null,
      ),
    );
    await renderFacturX(documents[0]);
    const rounds: number[] = [];
    for (let index = 0; index < 3; index++) {
      const start = performance.now();
      for (const document of documents) await renderFacturX(document);
      rounds.push(performance.now() - start);
    }
    return {
      perSecond: round((documents.length * 1000) / median(rounds)),
      roundsMs: rounds.map((ms) => round(ms)),
    };
  } finally {
    await db.destroy();
  }
}

interface CampaignRun {
  workers: number;
  members: number;
  launchMs: number;
  /** From the launch's commit to the last invoice's PDF stored. */
  totalMs: number;
  invoicesPerSecond: number;
  firstInvoiceMs: number;
  workerRssMibMax: number;
  failedItems: number;
  checks: string[];
}

async function runCampaign(workers: number): Promise<CampaignRun> {
  const url = benchDatabaseUrl(DATABASE);
  const storageDir = mkdtempSync(join(tmpdir(), 'bench-membership-'));
  const started: BuiltProcess[] = [];
  let client: Client | null = null;
  try {
    await freshDatabase(url);
    client = await connect(url, 'bench-membership');
    const chambreDb = new DataSource({ type: 'postgres', url });
    await chambreDb.initialize();
    await configureChambre(chambreDb);
    await chambreDb.destroy();
    await seedMembers(client, MEMBERS);
    const admin = await client.query<{ id: string }>(
      `INSERT INTO users (email, name, password_hash, platform_roles, email_verified_at)
       VALUES ('admin@bench.mutualis.fr', 'Admin Bench', 'x', '{admin}', now()) RETURNING id`,
    );
    await deleteRedisKeys();
    // The worker's SMTP goes nowhere: mails are logged as failed deliveries, not waited for.
    const env = { DATABASE_URL: url, REDIS_PREFIX, INVOICE_STORAGE_DIR: storageDir };
    for (let index = 0; index < workers; index++) started.push(await startBuilt('worker', env));

    const { campaignId, ms: launchMs } = await launch(url, admin.rows[0].id);
    const start = performance.now();
    let firstInvoiceMs = Number.NaN;
    let rssMax = 0;
    let done: Progress = { pending: MEMBERS, issued: 0, failed: 0, stored: 0 };
    while (performance.now() - start < RUN_TIMEOUT_MS) {
      done = await progress(client, campaignId);
      if (Number.isNaN(firstInvoiceMs) && done.issued > 0)
        firstInvoiceMs = performance.now() - start;
      rssMax = Math.max(rssMax, ...started.map((worker) => rssMib(worker.child.pid!)));
      if (done.pending === 0 && done.stored >= done.issued) break;
      if (started.some((worker) => worker.child.exitCode !== null))
        throw new Error('a worker stopped during the campaign');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const totalMs = performance.now() - start;
    const checks =
      done.pending > 0
        ? [`${done.pending} items still pending after ${round(totalMs / 1000)} s`]
        : [];
    if (done.failed > 0) checks.push(`${done.failed} items failed`);
    checks.push(...(await check(client, MEMBERS, storageDir)));
    return {
      workers,
      members: MEMBERS,
      launchMs: round(launchMs),
      totalMs: round(totalMs),
      invoicesPerSecond: round((done.issued * 1000) / totalMs),
      firstInvoiceMs: round(firstInvoiceMs),
      workerRssMibMax: round(rssMax),
      failedItems: done.failed,
      checks,
    };
  } finally {
    for (const worker of started) await worker.stop();
    await client?.end();
    rmSync(storageDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<ScenarioResult> {
  const runs: CampaignRun[] = [];
  let baseline: { perSecond: number; roundsMs: number[] } | null = null;
  const url = benchDatabaseUrl(DATABASE);
  try {
    for (const workers of WORKER_COUNTS) {
      runs.push(await runCampaign(workers));
      // Rendering alone, on the first run's invoices (still in the database).
      baseline ??= await renderBaseline(url);
    }
  } finally {
    await disposeDatabase(url);
  }
  const failures = runs.flatMap((run) =>
    run.checks.map((check) => `${run.workers} worker(s): ${check}`),
  );
  if (!QUICK) {
    for (const run of runs.filter((run) => run.totalMs > GOAL_MS))
      failures.push(
        `${run.workers} worker(s): ${round(run.totalMs / 60_000, 1)} min, over the 10 min goal`,
      );
  }
  const summary = formatTable(
    [
      'workers',
      'members',
      'launch ms',
      'total s',
      'invoices/s',
      'ratio to render',
      'worker RSS MiB',
    ],
    runs.map((run) => [
      String(run.workers),
      String(run.members),
      String(run.launchMs),
      String(round(run.totalMs / 1000, 1)),
      String(run.invoicesPerSecond),
      baseline ? `${round(run.invoicesPerSecond / baseline.perSecond, 2)}` : '—',
      String(run.workerRssMibMax),
    ]),
  );
  summary.push(
    `Factur-X rendering alone (1 core, in-process): ${baseline?.perSecond ?? '—'} per second`,
  );
  const result: ScenarioResult = { summary, failures, figures: { year: YEAR, runs, baseline } };
  if (failures.length > 0) throw new ScenarioFailure(result);
  return result;
}
