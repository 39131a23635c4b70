import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource, Logger } from 'typeorm';
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
import { buildCiiInvoice } from '../../libs/invoicing/src/einvoice/cii-invoice';
import { renderFacturX } from '../../libs/invoicing/src/einvoice/factur-x';
import { renderInvoicePdf } from '../../libs/invoicing/src/pdf/invoice-pdf.renderer';
import { InvoicingModule } from '../../libs/invoicing/src/invoicing.module';
import { InvoiceRepository } from '../../libs/invoicing/src/repositories/invoice.repository';
import {
  InvoicePdfService,
  toDocument,
} from '../../libs/invoicing/src/services/invoice-pdf.service';
import { IssueBookingInvoiceUseCase } from '../../libs/invoicing/src/use-cases/issue-booking-invoice/issue-booking-invoice.use-case';
import { ScenarioFailure, ScenarioResult } from '../scenario';
import { benchDatabaseUrl, connect, disposeDatabase, freshDatabase } from '../support/database';
import { BuiltProcess, startBuilt } from '../support/processes';
import { median, round } from '../support/stats';
import { formatTable } from '../support/table';
import { nthSiret } from '../support/siret';

export const description =
  'Confirmed bookings → invoices stored as Factur-X through 1 and 2 production workers; numbering gapless; Factur-X and PDF/A rendering alone as baselines';

const DATABASE = 'mutualis_bench_invoicing';
const REDIS_PREFIX = 'mutualis-bench-invoicing';
const QUICK = process.env.BENCH_QUICK === '1';
/**
 * Bookings confirmed per run; three runs per worker count, one after the other on the same
 * running workers (fresh database and workers for each worker count), so that each worker
 * count invoices the issue's 5,000 bookings (5,001) in one gapless sequence.
 */
const BATCH = Number(process.env.BENCH_INVOICING_BOOKINGS ?? (QUICK ? 40 : 1_667));
const RUNS = Number(process.env.BENCH_INVOICING_RUNS ?? 3);
/** Invoiced once the workers are up, not measured: JIT, connection pools, prepared metadata. */
const WARM_UP = QUICK ? 10 : 40;
const WORKER_COUNTS = [1, 2];
/** Bookings invoiced in-process by the use case itself, after the 1-worker runs. */
const IN_PROCESS = QUICK ? 20 : 150;
const IN_PROCESS_WARM_UP = QUICK ? 3 : 10;
/** Invoices rendered in-process for the baseline, three times (median). */
const BASELINE_SIZE = QUICK ? 50 : 200;
const BASELINE_ROUNDS = 3;
/** A run that has not finished by then is reported as failed. */
const RUN_TIMEOUT_MS = Math.max(60_000, BATCH * 200);
const BOOKINGS_PER_ORGANISATION = 5;
const BOOKINGS_PER_SESSION = 20;
const OFFERINGS = 20;

const TITLES = [
  'Formation : trésorerie et budget pour les associations',
  'Formation : la convention collective ECLAT en pratique',
  'Formation : gouvernance partagée en SCIC',
  'Formation : mécénat et reçus fiscaux',
  'Formation : le RGPD pour les structures de l’ESS',
  'Formation : employeur associatif, les premiers pas',
  'Formation : comptabilité associative, clôturer son exercice',
  'Formation : répondre à un appel à projets',
  'Formation : évaluer son utilité sociale',
  'Formation : accueillir et fidéliser les bénévoles',
];
const FIRST_NAMES = ['Camille', 'Dominique', 'Fatima', 'Jean', 'Lucie', 'Mehdi', 'Nadia', 'Paul'];
const LAST_NAMES = ['Arnaud', 'Benali', 'Castellan', 'Durand', 'Fabre', 'Giraud', 'Martin', 'Roux'];

const siret = (n: number): string => nthSiret(n);

/**
 * `size` confirmed bookings on training sessions (1–3 seats, named attendees, standard VAT or
 * exempt training), as the booking use cases leave them, written with set-based SQL. Their
 * `booking.confirmed` events are written separately (see `confirmEvents`).
 */
export async function seedBookings(client: Client, size: number): Promise<void> {
  const organisations = Math.ceil(size / BOOKINGS_PER_ORGANISATION);
  const sessions = Math.ceil(size / BOOKINGS_PER_SESSION);
  await client.query(
    `INSERT INTO users (email, name, password_hash, platform_roles, email_verified_at) VALUES
       ('consultante@bench.mutualis.fr', 'Consultante Bench', 'x', '{consultant}', now()),
       ('adherent@bench.mutualis.fr', 'Adhérent Bench', 'x', '{}', now())`,
  );
  const sirets = Array.from({ length: organisations }, (_, index) => siret(index + 1));
  await client.query(
    `INSERT INTO organisations (legal_name, legal_form, siret, address_line1, postal_code, city, department, billing_email)
     SELECT (ARRAY['Association', 'SCOP', 'SCIC', 'Mutuelle'])[1 + n % 4] || ' Les Jardins du Panier ' || n,
            'other', siret, n || ' rue de la République', '13001', 'Marseille', '13',
            'compta' || n || '@bench.mutualis.fr'
       FROM unnest($1::text[]) WITH ORDINALITY AS t(siret, n)`,
    [sirets],
  );
  await client.query(
    `INSERT INTO offerings (consultant_id, category_id, title, summary, description, kind, delivery_mode, departments,
                            duration_minutes, member_price_cents, non_member_price_cents, vat_treatment,
                            cancellation_policy, status, published_at)
     SELECT (SELECT id FROM users WHERE email = 'consultante@bench.mutualis.fr'),
            (SELECT id FROM categories ORDER BY slug LIMIT 1),
            ($1::text[])[1 + n % array_length($1::text[], 1)] || ' (' || n || ')',
            'Une journée pour les structures de l’ESS', 'Programme détaillé', 'training', 'on_site', '{13}', 420,
            (120 + 30 * (n % 6)) * 100, (180 + 40 * (n % 6)) * 100,
            CASE WHEN n % 3 = 0 THEN 'standard' ELSE 'exempt_training' END,
            '{"tiers":[{"daysBefore":14,"refundPercent":100},{"daysBefore":7,"refundPercent":50}]}',
            'published', now() - interval '60 days'
       FROM generate_series(1, $2::int) AS n`,
    [TITLES, OFFERINGS],
  );
  await client.query(
    `INSERT INTO sessions (offering_id, starts_at, ends_at, registration_deadline, capacity, location)
     SELECT o.id, start, start + interval '7 hours', start - interval '3 days', 80,
            'Cité des associations, 93 La Canebière, Marseille'
       FROM generate_series(0, $1::int - 1) AS n
       JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM offerings) o ON o.k = n % $2::int
       CROSS JOIN LATERAL (SELECT date_trunc('day', now()) + (10 + n % 90) * interval '1 day' + interval '9 hours') AS s(start)`,
    [sessions, OFFERINGS],
  );
  await client.query(
    `INSERT INTO bookings (organisation_id, booked_by, offering_id, session_id, seats, status, unit_price_cents,
                           member_price, vat_treatment, vat_rate_basis_points, total_excl_vat_cents, total_vat_cents,
                           total_incl_vat_cents, cancellation_policy, service_starts_at, confirmed_at,
                           confirmation_method, created_at, updated_at)
     SELECT org.id, (SELECT id FROM users WHERE email = 'adherent@bench.mutualis.fr'), o.id, s.id, seats, 'confirmed',
            o.member_price_cents, true, o.vat_treatment, rate, o.member_price_cents * seats,
            o.member_price_cents * seats * rate / 10000, o.member_price_cents * seats * (10000 + rate) / 10000,
            o.cancellation_policy, s.starts_at, now() - interval '1 hour', 'card',
            now() - interval '2 hours', now() - interval '1 hour'
       FROM generate_series(0, $1::int - 1) AS g
       CROSS JOIN LATERAL (SELECT 1 + g % 3 AS seats) AS q
       JOIN (SELECT id, offering_id, starts_at, row_number() OVER (ORDER BY id) - 1 AS k FROM sessions) s
         ON s.k = g % $2::int
       JOIN offerings o ON o.id = s.offering_id
       CROSS JOIN LATERAL (SELECT CASE o.vat_treatment WHEN 'standard' THEN 2000 ELSE 0 END AS rate) AS r
       JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM organisations) org
         ON org.k = g % $3::int`,
    [size, sessions, organisations],
  );
  await client.query(
    `INSERT INTO booking_attendees (booking_id, position, name, email)
     SELECT b.id, p - 1, first || ' ' || last, lower(first || '.' || last || p) || '@bench.mutualis.fr'
       FROM bookings b
       CROSS JOIN LATERAL generate_series(1, b.seats) AS p
       CROSS JOIN LATERAL (SELECT ($1::text[])[1 + (p + abs(hashtext(b.id::text))) % 8] AS first,
                                  ($2::text[])[1 + abs(hashtext(b.id::text)) % 8] AS last) AS names`,
    [FIRST_NAMES, LAST_NAMES],
  );
  await client.query(
    `UPDATE sessions s SET seats_taken = t.seats
       FROM (SELECT session_id, sum(seats) AS seats FROM bookings GROUP BY session_id) t
      WHERE t.session_id = s.id`,
  );
  await client.query('VACUUM ANALYZE');
}

/**
 * The `booking.confirmed` event of every booking, as ConfirmBookingUseCase records it
 * (`bookingEvent('booking.confirmed', booking, { method })`), all committed at once.
 */
export async function confirmEvents(client: Client, count: number): Promise<void> {
  await client.query(
    `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload)
     SELECT 'booking.confirmed', 'booking', id,
            jsonb_build_object('organisationId', organisation_id, 'offeringId', offering_id,
                               'sessionId', session_id, 'slotId', slot_id, 'status', status,
                               'method', confirmation_method)
       FROM bookings b
      WHERE NOT EXISTS (SELECT 1 FROM outbox_events e WHERE e.aggregate_id = b.id)
      ORDER BY id
      LIMIT $1`,
    [count],
  );
}

async function deleteRedisKeys(): Promise<number> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export interface Progress {
  issued: number;
  stored: number;
}

export async function progress(client: Client): Promise<Progress> {
  const { rows } = await client.query<{ issued: number; stored: number }>(
    `SELECT count(*) FILTER (WHERE status <> 'draft')::int AS issued,
            count(*) FILTER (WHERE pdf_sha256 IS NOT NULL)::int AS stored
       FROM invoices`,
  );
  return rows[0];
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used, in ms, from /proc; 0 once it is gone. */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of the line (utime, stime) are 11 and 12 after the command.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU used so far by each worker process and by each PostgreSQL backend of the bench database. */
export async function cpuSnapshot(
  client: Client,
  workers: BuiltProcess[],
): Promise<{ workers: number; backends: Map<number, number> }> {
  const { rows } = await client.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return {
    workers: workers.reduce((sum, worker) => sum + cpuMsOf(worker.child.pid!), 0),
    backends: new Map(rows.map((row) => [row.pid, cpuMsOf(row.pid)])),
  };
}

export function backendCpuMs(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** Completed and failed jobs of the queues a booking.confirmed leads to. */
async function jobCounts(): Promise<Record<string, Record<string, number>>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const name of ['invoicing', 'notifications']) {
    const queue = new Queue(name, {
      connection: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
      prefix: `${REDIS_PREFIX}:bull`,
    });
    counts[name] = await queue.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
    await queue.close();
  }
  return counts;
}

interface RunMeasure {
  workers: number;
  run: number;
  bookings: number;
  /** From the commit of the events to the last PDF stored. */
  totalMs: number;
  invoicesPerSecond: number;
  /** From the commit of the events to the first invoice numbered (relay + queue + first job). */
  firstInvoiceMs: number;
  /** When all were numbered, from the commit. */
  allIssuedMs: number;
  /** Median per invoice: issuing transaction began (draft inserted) → number taken. */
  issueMsMedian: number;
  /** Median per invoice: number taken → PDF recorded (commit, reload, render, write, update). */
  pdfStepMsMedian: number;
  /** CPU used per invoice by the worker process(es) and by PostgreSQL's backends. */
  workerCpuMsPerInvoice: number;
  postgresCpuMsPerInvoice: number;
}

/** Numbering and storage checks; each returned string is a failure. */
export async function check(client: Client, size: number, storageDir: string): Promise<string[]> {
  const failures: string[] = [];
  const [numbers] = (
    await client.query<{
      invoices: number;
      numbers: number;
      bookings: number;
      min: number;
      max: number;
      misformatted: number;
      without_pdf: number;
      uninvoiced: number;
      out_of_order: number;
      counter: number | null;
    }>(
      `SELECT count(*)::int AS invoices, count(DISTINCT number)::int AS numbers,
              count(DISTINCT booking_id)::int AS bookings, min(sequence) AS min, max(sequence) AS max,
              count(*) FILTER (WHERE number IS DISTINCT FROM
                format('F-%s-%s', extract(year FROM issued_at AT TIME ZONE 'Europe/Paris'), lpad(sequence::text, 6, '0'))
                OR series <> 'F' OR year <> extract(year FROM issued_at AT TIME ZONE 'Europe/Paris'))::int AS misformatted,
              count(*) FILTER (WHERE pdf_sha256 IS NULL OR pdf_path IS NULL)::int AS without_pdf,
              (SELECT count(*)::int FROM bookings b
                WHERE NOT EXISTS (SELECT 1 FROM invoices i WHERE i.booking_id = b.id AND i.type = 'invoice')) AS uninvoiced,
              (SELECT count(*)::int FROM (
                 SELECT issued_at < lag(issued_at) OVER (ORDER BY sequence) AS earlier FROM invoices WHERE type = 'invoice'
               ) t WHERE earlier) AS out_of_order,
              (SELECT max(last_number) FROM invoice_counters WHERE series = 'F') AS counter
         FROM invoices WHERE type = 'invoice'`,
    )
  ).rows;
  if (numbers.invoices !== size) failures.push(`${numbers.invoices} invoices for ${size} bookings`);
  if (numbers.numbers !== numbers.invoices)
    failures.push(`${numbers.invoices - numbers.numbers} duplicate invoice numbers`);
  if (numbers.bookings !== numbers.invoices)
    failures.push(`${numbers.invoices - numbers.bookings} bookings invoiced twice`);
  if (numbers.uninvoiced !== 0) failures.push(`${numbers.uninvoiced} bookings without invoice`);
  if (numbers.min !== 1 || numbers.max !== numbers.invoices || numbers.counter !== numbers.max)
    failures.push(
      `numbering not gapless: sequences ${numbers.min}–${numbers.max} for ${numbers.invoices} invoices, counter at ${numbers.counter}`,
    );
  if (numbers.misformatted !== 0)
    failures.push(`${numbers.misformatted} numbers not F-YYYY-NNNNNN of their sequence and year`);
  if (numbers.out_of_order !== 0)
    failures.push(`${numbers.out_of_order} invoices issued earlier than the number before theirs`);
  if (numbers.without_pdf !== 0) failures.push(`${numbers.without_pdf} invoices without PDF`);
  const files = countFiles(storageDir);
  if (files !== size) failures.push(`${files} PDF files stored for ${size} invoices`);
  // A sample of the stored files has the recorded hash.
  const { rows: sample } = await client.query<{ pdf_path: string; pdf_sha256: string }>(
    `SELECT pdf_path, pdf_sha256 FROM invoices WHERE pdf_path IS NOT NULL ORDER BY sequence DESC LIMIT 20`,
  );
  for (const row of sample) {
    const hash = createHash('sha256')
      .update(readFileSync(join(storageDir, row.pdf_path)))
      .digest('hex');
    if (hash !== row.pdf_sha256) failures.push(`${row.pdf_path}: stored file has another hash`);
  }
  return failures;
}

function countFiles(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) count += countFiles(join(dir, entry.name));
    else if (entry.name.endsWith('.pdf')) count++;
  }
  return count;
}

interface Baseline {
  invoices: number;
  roundsMs: number[];
  pdfsPerSecond: number;
  bytesMedian: number;
  /** Render + SHA-256 + atomic write to a temporary directory, as the worker does. */
  withHashAndWritePerSecond: number;
  /** The CII XML built, then the PDF/A rendered with it attached, as the worker stores it. */
  facturX: { roundsMs: number[]; perSecond: number; xmlMsMedian: number; bytesMedian: number };
}

/** The invoice PDF renderer of libs/invoicing, in-process, on invoices the worker issued. */
async function baseline(url: string): Promise<Baseline> {
  const db = new DataSource({
    type: 'postgres',
    url,
    entities: [Invoice, InvoiceLine],
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: 'bench-invoicing-baseline',
  });
  await db.initialize();
  try {
    const invoices = await db.getRepository(Invoice).find({
      where: { type: 'invoice' },
      order: { sequence: 'ASC' },
      take: BASELINE_SIZE,
    });
    const lines = await new InvoiceRepository(db).linesOf(invoices.map((invoice) => invoice.id));
    const documents = invoices.map((invoice) =>
      toDocument(
        invoice,
        lines.filter((line) => line.invoiceId === invoice.id),
        null,
        null,
      ),
    );
    await renderInvoicePdf(documents[0]); // warm-up: fonts, JIT
    const rounds: number[] = [];
    const sizes: number[] = [];
    for (let index = 0; index < BASELINE_ROUNDS; index++) {
      const start = performance.now();
      for (const document of documents) sizes.push((await renderInvoicePdf(document)).length);
      rounds.push(performance.now() - start);
    }
    // What Factur-X adds to the page alone: the CII XML, then the page with it attached.
    const facturX = { rounds: [] as number[], xmlMs: [] as number[], sizes: [] as number[] };
    await renderFacturX(documents[0]);
    for (let index = 0; index < BASELINE_ROUNDS; index++) {
      let start = performance.now();
      for (const document of documents) buildCiiInvoice(document);
      facturX.xmlMs.push((performance.now() - start) / documents.length);
      start = performance.now();
      for (const document of documents) facturX.sizes.push((await renderFacturX(document)).length);
      facturX.rounds.push(performance.now() - start);
    }
    const dir = mkdtempSync(join(tmpdir(), 'bench-invoicing-baseline-'));
    try {
      const start = performance.now();
      for (const document of documents) {
        const content = await renderInvoicePdf(document);
        createHash('sha256').update(content).digest('hex');
        const path = join(dir, `${document.number}.pdf`);
        await mkdir(dir, { recursive: true });
        await writeFile(`${path}.tmp`, content);
        await rename(`${path}.tmp`, path);
      }
      const withWriteMs = performance.now() - start;
      return {
        invoices: documents.length,
        roundsMs: rounds.map((ms) => round(ms)),
        pdfsPerSecond: round((documents.length * 1000) / median(rounds)),
        bytesMedian: median(sizes),
        withHashAndWritePerSecond: round((documents.length * 1000) / withWriteMs),
        facturX: {
          roundsMs: facturX.rounds.map((ms) => round(ms)),
          perSecond: round((documents.length * 1000) / median(facturX.rounds)),
          xmlMsMedian: round(median(facturX.xmlMs), 2),
          bytesMedian: median(facturX.sizes),
        },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await db.destroy();
  }
}

interface InProcess {
  invoices: number;
  invoicesPerSecond: number;
  /** Statements sent to PostgreSQL per invoice (BEGIN and COMMIT included). */
  statementsPerInvoice: number;
  pdfStatementsPerInvoice: number;
  /** Per invoice, median: the whole use case, and its PDF step (InvoicePdfService.store). */
  msMedian: number;
  pdfMsMedian: number;
  /** CPU of this process per invoice (the use case, TypeORM, pg, pdfkit: no queue, no notifications). */
  cpuMsPerInvoice: number;
  postgresCpuMsPerInvoice: number;
}

/**
 * The worker's job without the worker: IssueBookingInvoiceUseCase.execute, one booking after
 * the other, in this process, counting the statements it sends.
 */
async function inProcess(
  client: Client,
  url: string,
  storageDir: string,
  count: number,
): Promise<InProcess> {
  const saved = {
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_PREFIX: process.env.REDIS_PREFIX,
    INVOICE_STORAGE_DIR: process.env.INVOICE_STORAGE_DIR,
    LOG_LEVEL: process.env.LOG_LEVEL,
  };
  Object.assign(process.env, {
    DATABASE_URL: url,
    REDIS_PREFIX,
    INVOICE_STORAGE_DIR: storageDir,
    LOG_LEVEL: 'warn',
  });
  let app: INestApplicationContext | null = null;
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [
        CoreConfigModule,
        DatabaseModule,
        RedisModule,
        OutboxModule,
        QueueModule,
        InvoicingModule,
      ],
    }).compile();
    app = await moduleRef.init();
    const db = app.get(DataSource);
    let statements = 0;
    const logger = db.logger;
    (db as { logger: Logger }).logger = new Proxy(logger, {
      get(target, property, receiver) {
        if (property === 'logQuery') {
          return (...args: Parameters<Logger['logQuery']>) => {
            statements++;
            return target.logQuery(...args);
          };
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const pdf = app.get(InvoicePdfService);
    // The PDF step of a fresh invoice: store() renders what the issuing transaction wrote.
    const store = pdf.store.bind(pdf);
    const pdfMs: number[] = [];
    let pdfStatements = 0;
    pdf.store = async (...args: Parameters<InvoicePdfService['store']>) => {
      const before = statements;
      const start = performance.now();
      await store(...args);
      pdfMs.push(performance.now() - start);
      pdfStatements += statements - before;
    };
    const rows = await db.query<{ id: string }[]>(
      `SELECT id FROM bookings b WHERE NOT EXISTS (SELECT 1 FROM invoices i WHERE i.booking_id = b.id)
        ORDER BY id LIMIT $1`,
      [count],
    );
    const useCase = app.get(IssueBookingInvoiceUseCase);
    // Warm-up, not counted.
    for (const { id } of rows.slice(0, IN_PROCESS_WARM_UP)) await useCase.execute(id);
    statements = 0;
    pdfStatements = 0;
    pdfMs.length = 0;
    const each: number[] = [];
    const backendsBefore = await cpuSnapshot(client, []);
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    for (const { id } of rows.slice(IN_PROCESS_WARM_UP)) {
      const one = performance.now();
      const outcome = await useCase.execute(id);
      if (outcome !== 'issued') throw new Error(`booking ${id}: ${outcome}`);
      each.push(performance.now() - one);
    }
    const totalMs = performance.now() - start;
    const cpu = process.cpuUsage(cpuBefore);
    const backendsAfter = await cpuSnapshot(client, []);
    const invoices = rows.length - IN_PROCESS_WARM_UP;
    return {
      invoices,
      invoicesPerSecond: round((invoices * 1000) / totalMs),
      statementsPerInvoice: round(statements / invoices, 1),
      pdfStatementsPerInvoice: round(pdfStatements / invoices, 1),
      msMedian: round(median(each)),
      pdfMsMedian: round(median(pdfMs)),
      cpuMsPerInvoice: round((cpu.user + cpu.system) / 1000 / invoices, 1),
      postgresCpuMsPerInvoice: round(
        backendCpuMs(backendsBefore.backends, backendsAfter.backends) / invoices,
        1,
      ),
    };
  } finally {
    await app?.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

interface WorkerSession {
  runs: RunMeasure[];
  jobs: Record<string, Record<string, number>>;
  workerBootMs: number;
  baseline: Baseline | null;
  inProcess: InProcess | null;
  checks: string[];
}

/**
 * A fresh database with 3 runs' bookings, the Chambre configured, `workers` production
 * workers started; then each run commits its batch of booking.confirmed events and waits
 * until every invoice has its PDF. The first session also measures the use case in-process
 * and the baseline.
 */
async function measureWorkers(workers: number, first: boolean): Promise<WorkerSession> {
  const url = benchDatabaseUrl(DATABASE);
  const storageDir = mkdtempSync(join(tmpdir(), 'bench-invoicing-'));
  const started: BuiltProcess[] = [];
  let client: Client | null = null;
  try {
    await freshDatabase(url);
    client = await connect(url, 'bench-invoicing');
    const extra = first ? IN_PROCESS : 0;
    await seedBookings(client, WARM_UP + BATCH * RUNS + extra);
    const chambreDb = new DataSource({ type: 'postgres', url });
    await chambreDb.initialize();
    await configureChambre(chambreDb);
    await chambreDb.destroy();
    await deleteRedisKeys();

    const bootStart = performance.now();
    const env = { DATABASE_URL: url, REDIS_PREFIX, INVOICE_STORAGE_DIR: storageDir };
    for (let index = 0; index < workers; index++) started.push(await startBuilt('worker', env));
    const workerBootMs = (performance.now() - bootStart) / workers;

    const runs: RunMeasure[] = [];
    const checks: string[] = [];
    await confirmEvents(client, WARM_UP);
    const warmUpStart = performance.now();
    while ((await progress(client)).stored < WARM_UP) {
      if (performance.now() - warmUpStart > RUN_TIMEOUT_MS)
        throw new Error(`the warm-up's ${WARM_UP} invoices were not done in time`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (let index = 0; index < RUNS; index++) {
      const before = WARM_UP + BATCH * index;
      const target = before + BATCH;
      const cpuBefore = await cpuSnapshot(client, started);
      const start = performance.now();
      await confirmEvents(client, BATCH);
      let firstInvoiceMs = Number.NaN;
      let allIssuedMs = Number.NaN;
      let done: Progress = { issued: before, stored: before };
      while (performance.now() - start < RUN_TIMEOUT_MS) {
        done = await progress(client);
        const now = performance.now() - start;
        if (Number.isNaN(firstInvoiceMs) && done.issued > before) firstInvoiceMs = now;
        if (Number.isNaN(allIssuedMs) && done.issued >= target) allIssuedMs = now;
        if (done.stored >= target) break;
        if (started.some((worker) => worker.child.exitCode !== null))
          throw new Error('a worker stopped during the run');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const totalMs = performance.now() - start;
      const cpuAfter = await cpuSnapshot(client, started);
      if (done.stored < target)
        checks.push(
          `${workers} worker(s), run ${index + 1}: ${done.stored - before} of ${BATCH} invoices with PDF after ${round(totalMs / 1000)} s`,
        );
      const [steps] = (
        await client.query<{ issue_ms: number; pdf_ms: number }>(
          `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM issued_at - created_at) * 1000) AS issue_ms,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM updated_at - issued_at) * 1000) AS pdf_ms
             FROM invoices WHERE pdf_sha256 IS NOT NULL AND sequence > $1`,
          [before],
        )
      ).rows;
      const measure: RunMeasure = {
        workers,
        run: index + 1,
        bookings: BATCH,
        totalMs: round(totalMs),
        invoicesPerSecond: round(((done.stored - before) * 1000) / totalMs),
        firstInvoiceMs: round(firstInvoiceMs),
        allIssuedMs: round(allIssuedMs),
        issueMsMedian: round(Number(steps.issue_ms)),
        pdfStepMsMedian: round(Number(steps.pdf_ms)),
        workerCpuMsPerInvoice: round((cpuAfter.workers - cpuBefore.workers) / BATCH, 1),
        postgresCpuMsPerInvoice: round(
          backendCpuMs(cpuBefore.backends, cpuAfter.backends) / BATCH,
          1,
        ),
      };
      runs.push(measure);
      console.log(
        `  ${workers} worker(s), run ${index + 1}: ${BATCH} invoices in ${round(totalMs / 1000)} s = ${measure.invoicesPerSecond}/s ` +
          `(first numbered after ${measure.firstInvoiceMs} ms, all after ${round(measure.allIssuedMs / 1000)} s; ` +
          `per invoice: draft → number ${measure.issueMsMedian} ms, number → PDF ${measure.pdfStepMsMedian} ms; ` +
          `CPU ${measure.workerCpuMsPerInvoice} ms in the worker(s), ${measure.postgresCpuMsPerInvoice} ms in PostgreSQL)`,
      );
    }
    const jobs = await jobCounts();
    console.log(`  jobs: ${JSON.stringify(jobs)}`);
    await Promise.all(started.splice(0).map((worker) => worker.stop()));

    let measuredInProcess: InProcess | null = null;
    if (first) {
      measuredInProcess = await inProcess(client, url, storageDir, extra);
      console.log(
        `  in-process use case: ${measuredInProcess.invoicesPerSecond} invoices/s, ${measuredInProcess.msMedian} ms each ` +
          `(PDF step ${measuredInProcess.pdfMsMedian} ms; CPU ${measuredInProcess.cpuMsPerInvoice} ms here, ${measuredInProcess.postgresCpuMsPerInvoice} ms in PostgreSQL), ${measuredInProcess.statementsPerInvoice} statements per invoice ` +
          `(${measuredInProcess.pdfStatementsPerInvoice} in the PDF step)`,
      );
    }
    checks.push(
      ...(await check(client, WARM_UP + BATCH * RUNS + extra, storageDir)).map(
        (text) => `${workers} worker(s): ${text}`,
      ),
    );
    const measuredBaseline = first ? await baseline(url) : null;
    return {
      runs,
      jobs,
      workerBootMs: round(workerBootMs),
      baseline: measuredBaseline,
      inProcess: measuredInProcess,
      checks,
    };
  } finally {
    await Promise.all(started.map((worker) => worker.stop()));
    await client?.end();
    await disposeDatabase(url);
    await deleteRedisKeys();
    rmSync(storageDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<ScenarioResult> {
  const sessions: WorkerSession[] = [];
  for (const [index, workers] of WORKER_COUNTS.entries())
    sessions.push(await measureWorkers(workers, index === 0));
  const base = sessions[0].baseline!;
  const own = sessions[0].inProcess!;
  const failures = sessions.flatMap((session) => session.checks);
  const perWorkers = sessions.map((session, index) => {
    const perSecond = median(session.runs.map((measure) => measure.invoicesPerSecond));
    return {
      workers: WORKER_COUNTS[index],
      runs: session.runs.map((measure) => measure.invoicesPerSecond),
      medianPerSecond: round(perSecond),
      ratioToBaseline: round(perSecond / base.pdfsPerSecond, 3),
      firstInvoiceMs: median(session.runs.map((measure) => measure.firstInvoiceMs)),
      issueMsMedian: median(session.runs.map((measure) => measure.issueMsMedian)),
      pdfStepMsMedian: median(session.runs.map((measure) => measure.pdfStepMsMedian)),
      workerCpuMs: median(session.runs.map((measure) => measure.workerCpuMsPerInvoice)),
      postgresCpuMs: median(session.runs.map((measure) => measure.postgresCpuMsPerInvoice)),
      jobs: session.jobs,
      workerBootMs: session.workerBootMs,
    };
  });
  const summary = formatTable(
    [
      'measure',
      `runs of ${BATCH} (invoices/s)`,
      'median /s',
      '× PDF baseline',
      'first after ms',
      'draft→number ms',
      'number→PDF ms',
      'CPU ms/invoice node + pg',
    ],
    [
      ...perWorkers.map((row) => [
        `${row.workers} worker${row.workers > 1 ? 's' : ''}`,
        row.runs.join(', '),
        row.medianPerSecond,
        row.ratioToBaseline,
        round(row.firstInvoiceMs),
        round(row.issueMsMedian),
        round(row.pdfStepMsMedian),
        `${round(row.workerCpuMs, 1)} + ${round(row.postgresCpuMs, 1)}`,
      ]),
      [
        `use case in-process (${own.invoices})`,
        '-',
        own.invoicesPerSecond,
        round(own.invoicesPerSecond / base.pdfsPerSecond, 3),
        '-',
        round(own.msMedian - own.pdfMsMedian),
        round(own.pdfMsMedian),
        `${round(own.cpuMsPerInvoice, 1)} + ${round(own.postgresCpuMsPerInvoice, 1)}`,
      ],
      [
        `Factur-X alone: XML + PDF/A (${base.invoices})`,
        base.facturX.roundsMs.map((ms) => round((base.invoices * 1000) / ms)).join(', '),
        base.facturX.perSecond,
        round(base.facturX.perSecond / base.pdfsPerSecond, 3),
        '-',
        '-',
        round(1000 / base.facturX.perSecond),
        `${round(1000 / base.facturX.perSecond, 1)} + 0`,
      ],
      [
        `PDF/A rendering alone (${base.invoices})`,
        base.roundsMs.map((ms) => round((base.invoices * 1000) / ms)).join(', '),
        base.pdfsPerSecond,
        1,
        '-',
        '-',
        round(1000 / base.pdfsPerSecond),
        `${round(1000 / base.pdfsPerSecond, 1)} + 0`,
      ],
    ],
  );
  summary.push(
    '',
    `2 workers / 1 worker: ${round(perWorkers[1].medianPerSecond / perWorkers[0].medianPerSecond)}; ` +
      `use case in-process: ${own.statementsPerInvoice} statements per invoice (${own.pdfStatementsPerInvoice} in the PDF step); ` +
      `CII XML ${base.facturX.xmlMsMedian} ms; Factur-X ${base.facturX.bytesMedian} bytes, PDF/A alone ${base.bytesMedian} bytes, with SHA-256 and the atomic write ${base.withHashAndWritePerSecond}/s; ` +
      `worker boot ${round(perWorkers[0].workerBootMs / 1000)} s`,
    `numbering: ${failures.length === 0 ? 'gapless and unique, one invoice per booking, every PDF stored' : 'FAILED'}`,
  );
  const result = {
    summary,
    failures,
    figures: {
      bookingsPerRun: BATCH,
      runsPerWorkerCount: RUNS,
      quick: QUICK,
      perWorkers,
      runs: sessions.flatMap((session) => session.runs),
      inProcess: own,
      baseline: base,
    },
  };
  if (failures.length > 0) throw new ScenarioFailure(result);
  return result;
}
