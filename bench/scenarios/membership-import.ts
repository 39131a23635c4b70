import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  CoreConfigModule,
  DatabaseModule,
  OutboxModule,
  QueueModule,
  RedisModule,
} from '@mutualis/core';
import { configureChambre } from '@mutualis/testing/catalogue.factory';
import { MembershipModule } from '../../libs/membership/src/membership.module';
import { PreviewMemberImportUseCase } from '../../libs/membership/src/use-cases/preview-member-import/preview-member-import.use-case';
import { RunMemberImportUseCase } from '../../libs/membership/src/use-cases/run-member-import/run-member-import.use-case';
import { StartMemberImportUseCase } from '../../libs/membership/src/use-cases/start-member-import/start-member-import.use-case';
import { ScenarioFailure, ScenarioResult } from '../scenario';
import { benchDatabaseUrl, connect, disposeDatabase, freshDatabase } from '../support/database';
import { median, round } from '../support/stats';
import { formatTable } from '../support/table';
import { nthSiret } from '../support/siret';

export const description =
  'Moving a Chambre in: dry run and import of its 16,600-member spreadsheet (1 % refused lines), then the same file again (idempotent)';

const DATABASE = 'mutualis_bench_membership_import';
const REDIS_PREFIX = 'mutualis-bench-membership-import';
const QUICK = process.env.BENCH_QUICK === '1';
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? (QUICK ? 500 : 16_600));
const DRY_RUNS = 3;
const HEADER =
  'SIRET;RNA;Raison sociale;Forme juridique;Adresse;Code postal;Ville;E-mail de contact;Cotisation;Années payées';
const FORMS = ['Association loi 1901', 'SCOP', 'SCIC', 'Mutuelle', 'Fondation', 'Entreprise ESUS'];
const CITIES: [string, string][] = [
  ['13001', 'Marseille'],
  ['84000', 'Avignon'],
  ['06000', 'Nice'],
  ['83000', 'Toulon'],
  ['05000', 'Gap'],
  ['04000', 'Digne-les-Bains'],
];

/** The n-th valid RNA number (W + 9 digits), unique per line. */
const rna = (n: number): string => `W13${String(n).padStart(7, '0')}`;

/**
 * A spreadsheet as a Chambre keeps it: every sixth line an association with its RNA number, one
 * line in a hundred wrong (a SIRET whose check digit fails).
 */
function spreadsheet(rows: number): { csv: Buffer; refused: number } {
  const lines = [HEADER];
  let refused = 0;
  for (let n = 1; n <= rows; n++) {
    const form = FORMS[n % FORMS.length];
    const [postalCode, city] = CITIES[n % CITIES.length];
    let siret = nthSiret(n, 2_000_000_000_000);
    if (n % 100 === 0) {
      siret = `${siret.slice(0, 13)}${(Number(siret[13]) + 1) % 10}`;
      refused++;
    }
    const association = form.startsWith('Association');
    lines.push(
      [
        siret,
        association ? rna(n) : '',
        `${association ? 'Association' : form} Les Amis du Quartier ${n}`,
        form,
        `${n} rue de la République`,
        postalCode,
        city,
        `contact${n}@import.bench.mutualis.fr`,
        `${80 + (n % 5) * 40},00`,
        n % 3 === 0 ? '2025' : '2024, 2025',
      ].join(';'),
    );
  }
  return { csv: Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'), refused };
}

async function context(url: string): Promise<INestApplicationContext> {
  Object.assign(process.env, { DATABASE_URL: url, REDIS_PREFIX, LOG_LEVEL: 'warn' });
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
  return moduleRef.init();
}

interface Applied {
  ms: number;
  created: number;
  updated: number;
  refused: number;
}

/** The worker's job, in this process: StartMemberImport (the api's 202) then RunMemberImport. */
async function apply(app: INestApplicationContext, csv: Buffer, adminId: string): Promise<Applied> {
  const start = performance.now();
  const started = await app
    .get(StartMemberImportUseCase)
    .execute({ startedBy: adminId, fileName: 'adherents.csv', content: csv });
  await app.get(RunMemberImportUseCase).execute(started.id);
  const ms = performance.now() - start;
  const client = app.get(DataSource);
  const [row] = await client.query<{ created: number; updated: number; refused: number }[]>(
    `SELECT created, updated, refused FROM membership_imports WHERE id = $1`,
    [started.id],
  );
  return { ms, ...row };
}

export async function run(): Promise<ScenarioResult> {
  const url = benchDatabaseUrl(DATABASE);
  const saved = { ...process.env };
  let app: INestApplicationContext | null = null;
  let client: Client | null = null;
  try {
    await freshDatabase(url);
    client = await connect(url, 'bench-membership-import');
    const chambreDb = new DataSource({ type: 'postgres', url });
    await chambreDb.initialize();
    await configureChambre(chambreDb);
    await chambreDb.destroy();
    const admin = await client.query<{ id: string }>(
      `INSERT INTO users (email, name, password_hash, platform_roles, email_verified_at)
       VALUES ('admin@bench.mutualis.fr', 'Admin Bench', 'x', '{admin}', now()) RETURNING id`,
    );
    const { csv, refused } = spreadsheet(ROWS);
    app = await context(url);

    const preview = app.get(PreviewMemberImportUseCase);
    const dryRunsMs: number[] = [];
    let report = await preview.execute(csv);
    for (let index = 0; index < DRY_RUNS; index++) {
      const start = performance.now();
      report = await preview.execute(csv);
      dryRunsMs.push(performance.now() - start);
    }
    const first = await apply(app, csv, admin.rows[0].id);
    const again = await apply(app, csv, admin.rows[0].id);
    const [counts] = (
      await client.query<{ organisations: number; memberships: number; invitations: number }>(
        `SELECT (SELECT count(*)::int FROM organisations) AS organisations,
                (SELECT count(*)::int FROM memberships WHERE status = 'active') AS memberships,
                (SELECT count(*)::int FROM invitations) AS invitations`,
      )
    ).rows;

    const failures: string[] = [];
    const valid = ROWS - refused;
    if (report.refuse !== refused || report.create !== valid)
      failures.push(
        `dry run: ${report.create} to create, ${report.refuse} refused; expected ${valid} and ${refused}`,
      );
    if (first.created !== valid) failures.push(`import created ${first.created} of ${valid}`);
    if (again.created !== 0) failures.push(`the same file again created ${again.created}`);
    if (counts.organisations !== valid)
      failures.push(`${counts.organisations} organisations for ${valid} lines`);
    if (counts.invitations !== valid)
      failures.push(`${counts.invitations} invitations for ${valid} organisations`);

    const summary = formatTable(
      ['rows', 'dry run ms (median)', 'lines/s', 'import ms', 'lines/s', 'again ms', 'memberships'],
      [
        [
          ROWS,
          round(median(dryRunsMs)),
          round((ROWS * 1000) / median(dryRunsMs)),
          round(first.ms),
          round((ROWS * 1000) / first.ms),
          round(again.ms),
          counts.memberships,
        ],
      ],
    );
    const result: ScenarioResult = {
      summary,
      failures,
      figures: {
        rows: ROWS,
        refused,
        dryRunsMs: dryRunsMs.map((ms) => round(ms)),
        first,
        again,
        counts,
      },
    };
    if (failures.length > 0) throw new ScenarioFailure(result);
    return result;
  } finally {
    await app?.close();
    await client?.end();
    process.env = saved;
    await disposeDatabase(url);
  }
}
