import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import {
  CoreConfigModule,
  DatabaseModule,
  OutboxModule,
  QueueModule,
  RedisModule,
} from '@mutualis/core';
import { createRfReference } from '../../libs/invoicing/src/domain/rf-reference';
import {
  parseBankCsv,
  BUILT_IN_CSV_PROFILES,
} from '../../libs/reconciliation/src/parsers/csv.parser';
import { ReconciliationModule } from '../../libs/reconciliation/src/reconciliation.module';
import { BankStatementRepository } from '../../libs/reconciliation/src/repositories/bank-statement.repository';
import { ImportStatementUseCase } from '../../libs/reconciliation/src/use-cases/import-statement/import-statement.use-case';
import { ScenarioFailure, ScenarioResult } from '../scenario';
import { benchDatabaseUrl, connect, disposeDatabase, freshDatabase } from '../support/database';
import { median, round } from '../support/stats';
import { formatTable } from '../support/table';
import { nthSiret } from '../support/siret';

export const description =
  'Import and match 2,000 / 20,000 / 100,000 bank lines against as many open invoices (growth)';

const DATABASE = 'mutualis_bench_reconciliation';
/**
 * BENCH_QUICK=1: 2,000 lines once, for checking the scenario while developing;
 * BENCH_SIZES=2000,20000 and BENCH_RUNS=1 choose other sizes and runs; BENCH_SLOW=1 prints, per
 * run, the statements of the import by total time.
 */
const QUICK = process.env.BENCH_QUICK === '1';
const SIZES = process.env.BENCH_SIZES
  ? process.env.BENCH_SIZES.split(',').map(Number)
  : QUICK
    ? [2_000]
    : [2_000, 20_000, 100_000];
/** Runs per size; the median is reported. */
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 3));
const INVOICES_PER_ORGANISATION = 4;

const FORMS = ['Association', 'SCOP', 'SCIC', 'Mutuelle', 'Fondation', 'Coopérative'];
const WORDS = [
  'Jardins',
  'Partagés',
  'Relais',
  'Solidaire',
  'Calanques',
  'Horizon',
  'Provence',
  'Durance',
  'Lavande',
  'Mistral',
  'Canebière',
  'Ventoux',
  'Luberon',
  'Estérel',
  'Verdon',
  'Camargue',
  'Alpilles',
  'Sainte-Victoire',
  'Embruns',
  'Oliviers',
  'Cigales',
  'Garrigue',
  'Tramontane',
  'Phocée',
  'Vieux-Port',
  'Panier',
  'Belle-de-Mai',
  'Estaque',
  'Roucas',
  'Goudes',
];

const siret = (n: number): string => nthSiret(n);

/** A deterministic pseudo-random sequence, so every run sees the same data. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Seeded {
  invoices: {
    number: string;
    reference: string;
    dueCents: number;
    name: string;
    dueDate: string;
  }[];
}

export async function seed(client: Client, size: number, next: () => number): Promise<Seeded> {
  const organisations = Math.ceil(size / INVOICES_PER_ORGANISATION);
  const [{ id: chambreId }] = (
    await client.query<{ id: string }>(`SELECT id FROM chambres LIMIT 1`)
  ).rows;
  const names: string[] = [];
  for (let index = 0; index < organisations; index++) {
    const pick = () => WORDS[Math.floor(next() * WORDS.length)];
    names.push(`${FORMS[index % FORMS.length]} ${pick()} ${pick()} ${index}`);
  }
  const { rows: orgRows } = await client.query<{ id: string }>(
    `INSERT INTO organisations (legal_name, legal_form, siret, address_line1, postal_code, city, department, billing_email)
     SELECT name, 'other', siret, '1 rue de la République', '13001', 'Marseille', '13',
            'compta' || n || '@bench.mutualis.fr'
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(name, siret, n)
     RETURNING id`,
    [names, names.map((_, index) => siret(index + 1))],
  );
  const year = new Date().getFullYear();
  const invoices: Seeded['invoices'] = [];
  const rows = {
    organisation: [] as string[],
    sequence: [] as number[],
    number: [] as string[],
    reference: [] as string[],
    excl: [] as number[],
    vat: [] as number[],
    name: [] as string[],
    due: [] as string[],
  };
  for (let index = 0; index < size; index++) {
    const organisation = Math.floor(index / INVOICES_PER_ORGANISATION);
    const sequence = index + 1;
    const number = `F-${year}-${String(sequence).padStart(6, '0')}`;
    const excl = (50 + Math.floor(next() * 40) * 25) * 100;
    const vat = excl / 5;
    const dueDay = 1 + Math.floor(next() * 28);
    const due = `${year}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(dueDay).padStart(2, '0')}`;
    rows.organisation.push(orgRows[organisation].id);
    rows.sequence.push(sequence);
    rows.number.push(number);
    rows.reference.push(createRfReference(`${year}${String(sequence).padStart(7, '0')}`));
    rows.excl.push(excl);
    rows.vat.push(vat);
    rows.name.push(names[organisation]);
    rows.due.push(due);
    invoices.push({
      number,
      reference: rows.reference[index],
      dueCents: excl + vat,
      name: names[organisation],
      dueDate: due,
    });
  }
  // Issued invoices written directly (the issuing path is benched elsewhere); inserts are
  // allowed by the immutability trigger, which guards updates and deletes.
  await client.query(
    `INSERT INTO invoices (chambre_id, type, type_code, status, series, year, sequence, number, organisation_id,
                           payment_reference, issue_date, service_date, due_date, total_excl_vat_cents,
                           total_vat_cents, total_incl_vat_cents, payment_means, payable_amount_cents,
                           seller, buyer, vat_breakdown, issued_at)
     SELECT $1, 'invoice', 380, 'issued', 'F', $2, t.sequence, t.number, t.organisation, t.reference,
            t.due - 30, t.due - 30, t.due, t.excl, t.vat, t.excl + t.vat, 'bank_transfer', t.excl + t.vat,
            '{}', jsonb_build_object('name', t.name), '[]', now()
       FROM unnest($3::uuid[], $4::int[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::text[], $10::date[])
            AS t(organisation, sequence, number, reference, excl, vat, name, due)`,
    [
      chambreId,
      year,
      rows.organisation,
      rows.sequence,
      rows.number,
      rows.reference,
      rows.excl,
      rows.vat,
      rows.name,
      rows.due,
    ],
  );
  // Only the tables seeded. This server runs with autovacuum off: an ANALYZE of the empty
  // bank tables would record them as empty for the whole run, and the foreign-key check of each
  // audit row on bank_allocations would keep a plan made for an empty table (a sequential scan,
  // so the run grows with lines²). With autovacuum, as in production, the statistics follow.
  await client.query('ANALYZE organisations, invoices, users, chambres');
  return { invoices };
}

/**
 * The month's bank lines: 40 % quote the RF reference, 20 % the invoice number, 25 % only the
 * payer's name and the amount (a suggestion or, when clear, an allocation), 15 % are unknown.
 */
export function statementCsv(seeded: Seeded, next: () => number): Buffer {
  const lines = ['Date;Date de valeur;Libellé;Débit;Crédit'];
  const euros = (cents: number) =>
    `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
  seeded.invoices.forEach((invoice, index) => {
    const kind = next();
    const day = invoice.dueDate.split('-').reverse().join('/');
    let label: string;
    if (kind < 0.4) label = `VIR SEPA ${invoice.name.toUpperCase()} ${invoice.reference}`;
    else if (kind < 0.6) label = `VIR ${invoice.name.toUpperCase()} FACTURE ${invoice.number}`;
    else if (kind < 0.85) label = `VIR SEPA ${invoice.name.toUpperCase()}`;
    else label = `VIR M OU MME PARTICULIER ${index} DON`;
    lines.push([day, day, label, '', euros(invoice.dueCents)].join(';'));
  });
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

export async function context(url: string): Promise<INestApplicationContext> {
  process.env.DATABASE_URL = url;
  process.env.LOG_LEVEL = 'warn';
  process.env.REDIS_PREFIX = 'mutualis-bench-reconciliation';
  const moduleRef = await Test.createTestingModule({
    imports: [
      CoreConfigModule,
      DatabaseModule,
      RedisModule,
      OutboxModule,
      QueueModule,
      ReconciliationModule,
    ],
  }).compile();
  return moduleRef.init();
}

/** Statements the app sends, counted by wrapping TypeORM's query runner (a few ns each). */
let statements = 0;
const timing = new Map<string, { n: number; ms: number }>();
const originalQuery = PostgresQueryRunner.prototype.query;
PostgresQueryRunner.prototype.query = function (this: PostgresQueryRunner, ...args: unknown[]) {
  statements++;
  const began = performance.now();
  const result = (originalQuery as (...a: unknown[]) => Promise<unknown>).apply(this, args);
  if (process.env.BENCH_SLOW)
    void result.finally(() => {
      const key = String(args[0]).replace(/\s+/g, ' ').trim().slice(0, 90);
      const ms = performance.now() - began;
      const entry = timing.get(key) ?? { n: 0, ms: 0 };
      entry.n++;
      entry.ms += ms;
      timing.set(key, entry);
    });
  return result;
} as typeof originalQuery;

interface Measure {
  size: number;
  statements: number;
  parseMs: number;
  importAndMatchMs: number;
  matched: number;
  suggested: number;
  unmatched: number;
}

async function measure(size: number, run: number): Promise<Measure> {
  const url = benchDatabaseUrl(DATABASE);
  await freshDatabase(url);
  const client = await connect(url, 'bench-reconciliation');
  const app = await context(url);
  try {
    const next = random(size * 31 + run);
    const seeded = await seed(client, size, next);
    const content = statementCsv(seeded, next);
    const profile = BUILT_IN_CSV_PROFILES.find((candidate) => candidate.id === 'fr-debit-credit')!;
    const parseStart = performance.now();
    parseBankCsv(content, profile);
    const parseMs = performance.now() - parseStart;
    const [{ id: userId }] = (
      await client.query<{ id: string }>(
        `INSERT INTO users (email, name, password_hash, platform_roles) VALUES ('finance@bench', 'Bench', 'x', '{finance}') RETURNING id`,
      )
    ).rows;
    const db = app.get(DataSource);
    const created = await db.transaction((manager) =>
      app.get(BankStatementRepository).createImport(
        {
          fileName: 'bench.csv',
          fileSha256: '0'.repeat(64),
          format: 'csv',
          csvProfile: profile,
          content,
          uploadedBy: userId,
        },
        manager,
      ),
    );
    timing.clear();
    const start = performance.now();
    const before = statements;
    await app.get(ImportStatementUseCase).process(created.id);
    const importAndMatchMs = performance.now() - start;
    const sent = statements - before;
    if (process.env.BENCH_SLOW) {
      for (const [key, { n, ms }] of [...timing].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
        console.log(`    ${Math.round(ms)} ms  ${n}×  ${key}`);
    }
    const result = (await app.get(BankStatementRepository).findImport(created.id))!;
    return {
      size,
      statements: sent,
      parseMs,
      importAndMatchMs,
      matched: result.matched ?? 0,
      suggested: result.suggested ?? 0,
      unmatched: result.unmatched ?? 0,
    };
  } finally {
    await app.close();
    await client.end();
    await disposeDatabase(url);
  }
}

export async function run(): Promise<ScenarioResult> {
  const results: { size: number; runs: Measure[]; medianMs: number; perLineUs: number }[] = [];
  for (const size of SIZES) {
    const runs: Measure[] = [];
    for (let index = 0; index < RUNS; index++) {
      const measured = await measure(size, index);
      console.log(
        `  ${size} lines, run ${index + 1}: ${round(measured.importAndMatchMs / 1000)} s (parse ${round(measured.parseMs)} ms, ` +
          `${measured.statements} statements); ` +
          `${measured.matched} matched, ${measured.suggested} suggested, ${measured.unmatched} unmatched`,
      );
      runs.push(measured);
    }
    const medianMs = median(runs.map((measured) => measured.importAndMatchMs));
    results.push({ size, runs, medianMs, perLineUs: (medianMs * 1000) / size });
  }
  const base = results[0];
  const rows = results.map((result) => [
    result.size,
    round(result.medianMs / 1000),
    round(result.perLineUs),
    round(result.medianMs / base.medianMs),
    round(result.size / base.size),
    `${result.runs[0].matched} / ${result.runs[0].suggested} / ${result.runs[0].unmatched}`,
  ]);
  const summary = formatTable(
    [
      'lines = invoices',
      'import + match (s)',
      'µs per line',
      'time ×',
      'size ×',
      'matched / suggested / unmatched',
    ],
    rows,
  );
  // About linear: the cost per line at the largest size within 2.5 times the smallest's.
  const largest = results[results.length - 1];
  const failures =
    largest.perLineUs > base.perLineUs * 2.5
      ? [
          `cost per line grew from ${round(base.perLineUs)} µs to ${round(largest.perLineUs)} µs: not linear`,
        ]
      : [];
  const result = { summary, failures, figures: { results } };
  if (failures.length > 0) throw new ScenarioFailure(result);
  return result;
}
