import { DataSource, Logger } from 'typeorm';
import { postgresOptions } from '@mutualis/core/database/data-source-options';
import { catalogueEntities } from '../../libs/catalogue/src/entities';
import { ConsultationSlotRepository } from '../../libs/catalogue/src/repositories/consultation-slot.repository';
import { CategoryRepository } from '../../libs/catalogue/src/repositories/category.repository';
import {
  OfferingSearchRepository,
  SearchFilters,
  SearchRow,
  SqlStatement,
} from '../../libs/catalogue/src/repositories/offering-search.repository';
import { TrainingSessionRepository } from '../../libs/catalogue/src/repositories/training-session.repository';
import { PricingService } from '../../libs/catalogue/src/services/pricing.service';
import { SearchOfferingsUseCase } from '../../libs/catalogue/src/use-cases/search-offerings/search-offerings.use-case';
import { Clock } from '@mutualis/core/clock/clock';
import { ScenarioFailure, ScenarioResult } from '../scenario';
import {
  benchDatabaseUrl,
  connect,
  disposeDatabase,
  freshDatabase,
  serverFacts,
} from '../support/database';
import { measurePlan, PlanMeasure } from '../support/explain';
import { median, round, timed } from '../support/stats';
import { formatTable } from '../support/table';
import { seedCatalogue } from '../support/catalogue-seed';

export const description =
  'EXPLAIN ANALYZE of the catalogue search over 10,000 offerings and 50,000 sessions';

const DATABASE = 'mutualis_bench_search';
/** The api's default page size (DEFAULT_PAGE_SIZE) and the use case's NEXT_PER_OFFERING. */
const PAGE = 20;
const NEXT_PER_OFFERING = 3;
const RUNS = 5;
/** Tables a search plan must not read sequentially; only sessions fails the run. */
const WATCHED = ['sessions', 'consultation_slots', 'offerings'];

/** A DataSource stand-in that records what a repository would run and answers no rows. */
function recordingDataSource(): { dataSource: DataSource; statements: SqlStatement[] } {
  const statements: SqlStatement[] = [];
  const dataSource = {
    query: (sql: string, parameters: unknown[] = []): Promise<unknown[]> => {
      statements.push({ sql, parameters });
      return Promise.resolve([]);
    },
  } as unknown as DataSource;
  return { dataSource, statements };
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

interface Measured extends PlanMeasure {
  key: string;
  label: string;
  sql: string;
  parameters: unknown[];
}

/** What a recorded statement of the use case is, for the summary. */
function describeStatement(sql: string): string {
  const table = /FROM\s+"?(\w+)"?/i.exec(sql)?.[1] ?? '?';
  if (/GROUP BY c\.slug/.test(sql)) return 'facets';
  if (/row_number\(\)/.test(sql)) return `next ${table} of the page`;
  if (/ts_rank|published_at DESC/.test(sql)) return 'search';
  if (/ IN \(/.test(sql)) return `${table} of the page by id`;
  return `all ${table}`;
}

function oneLine(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

export async function run(): Promise<ScenarioResult> {
  const url = benchDatabaseUrl(DATABASE);
  const started = Date.now();
  const migrations = await freshDatabase(url);
  console.log(`database ${DATABASE} migrated: ${migrations.join(', ')}`);
  const client = await connect(url, 'mutualis-bench');
  try {
    const server = await serverFacts(client);
    const seeding = await timed(() => seedCatalogue(client));
    const counts = seeding.value;
    console.log(`seeded in ${(seeding.ms / 1000).toFixed(1)} s:`, counts);

    // How selective the searched words are among published offerings.
    const selectivity: Record<string, number> = {};
    for (const words of ['formation employeur', 'comptabilité association']) {
      const { rows } = await client.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM offerings
          WHERE status = 'published' AND search_vector @@ websearch_to_tsquery('french_unaccent', $1)`,
        [words],
      );
      selectivity[words] = rows[0].count;
    }
    console.log('published offerings matching:', selectivity);

    const search = new OfferingSearchRepository(null as unknown as DataSource);
    const now = new Date();
    const category = 'gestion-et-finance';
    const filters: Record<string, SearchFilters> = {
      a: { text: 'formation employeur', memberPricing: false },
      b: {
        text: 'comptabilité association',
        categorySlug: category,
        department: '13',
        memberPricing: false,
      },
      d: { categorySlug: category, department: '13', availableOnly: true, memberPricing: false },
      e: { department: '13', from: now, to: addDays(now, 30), memberPricing: false },
    };
    filters.c = { ...filters.b, availableOnly: true };
    filters.j = { availableOnly: true, memberPricing: false };

    // The keyset of page 2 of (b), and the ids of page 1 of (d), read as the api would.
    const firstOfB = search.searchStatement(filters.b, null, PAGE);
    const pageB = (await client.query<SearchRow>(firstOfB.sql, firstOfB.parameters)).rows;
    if (pageB.length <= PAGE) throw new Error(`(b) has no second page: ${pageB.length} rows`);
    const afterB = { sort: pageB[PAGE - 1].sort, id: pageB[PAGE - 1].id };
    const firstOfD = search.searchStatement(filters.d, null, PAGE);
    const idsOfD = (await client.query<SearchRow>(firstOfD.sql, firstOfD.parameters)).rows
      .slice(0, PAGE)
      .map((row) => row.id);
    const recorded = recordingDataSource();
    await new TrainingSessionRepository(recorded.dataSource).nextForOfferings(
      idsOfD,
      NEXT_PER_OFFERING,
    );
    await new ConsultationSlotRepository(recorded.dataSource).nextOpenForOfferings(
      idsOfD,
      NEXT_PER_OFFERING,
    );
    if (recorded.statements.length !== 2) {
      throw new Error(
        `expected 2 statements from the repositories, got ${recorded.statements.length}`,
      );
    }
    const [nextSessions, nextSlots] = recorded.statements;

    const statements: { key: string; label: string; statement: SqlStatement }[] = [
      {
        key: 'a',
        label: 'text "formation employeur"',
        statement: search.searchStatement(filters.a, null, PAGE),
      },
      { key: 'b', label: 'text + category + département 13', statement: firstOfB },
      {
        key: 'c',
        label: '(b) + seats left only',
        statement: search.searchStatement(filters.c, null, PAGE),
      },
      { key: 'd', label: 'category + 13 + seats left, no text', statement: firstOfD },
      {
        key: 'e',
        label: 'next 30 days + 13',
        statement: search.searchStatement(filters.e, null, PAGE),
      },
      { key: 'f', label: 'facets of (c)', statement: search.facetStatement(filters.c) },
      {
        key: 'g',
        label: 'page 2 of (b)',
        statement: search.searchStatement(filters.b, afterB, PAGE),
      },
      { key: 'h', label: 'next sessions of page (d)', statement: nextSessions },
      { key: 'h2', label: 'next slots of page (d)', statement: nextSlots },
      // The api counts facets for every search, so those of the searches without text too,
      // and "seats left only" alone is the catalogue's landing filter.
      { key: 'f2', label: 'facets of (d)', statement: search.facetStatement(filters.d) },
      { key: 'f3', label: 'facets of (e)', statement: search.facetStatement(filters.e) },
      {
        key: 'j',
        label: 'seats left only, nothing else',
        statement: search.searchStatement(filters.j, null, PAGE),
      },
      { key: 'jf', label: 'facets of (j)', statement: search.facetStatement(filters.j) },
    ];

    const measured: Measured[] = [];
    for (const { key, label, statement } of statements) {
      const measure = await measurePlan(client, statement, RUNS);
      measured.push({
        key,
        label,
        sql: oneLine(statement.sql),
        parameters: statement.parameters,
        ...measure,
      });
      console.log(
        `\n### (${key}) ${label}\n${oneLine(statement.sql)}\nparameters: ${JSON.stringify(statement.parameters)}\n`,
      );
      console.log(measure.plan);
      console.log(
        `\n(${key}) median execution ${measure.executionMs} ms, planning ${measure.planningMs} ms, ` +
          `wall ${measure.wallMs} ms, ${measure.rows} rows, seq scans: ${measure.seqScans.join(', ') || 'none'}`,
      );
    }

    // (i) A whole search page as the api serves it, for the filters of (c): every statement
    // the use case sends, recorded by the data source's logger, then measured the same way.
    const logger = new RecordingLogger();
    const dataSource = new DataSource({
      ...postgresOptions({ url, poolSize: 4, applicationName: 'mutualis-bench-api' }),
      entities: catalogueEntities,
      logger,
      logging: true,
    });
    await dataSource.initialize();
    logger.statements = [];
    let pageWallMs: number;
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
      const query = {
        actor: null,
        q: filters.c.text,
        category,
        department: '13',
        available: true,
        limit: PAGE,
      };
      await useCase.execute(query);
      const pageStatements = [...logger.statements];
      const walls: number[] = [];
      for (let run = 0; run < RUNS; run += 1)
        walls.push((await timed(() => useCase.execute(query))).ms);
      pageWallMs = round(median(walls), 3);
      for (const [index, statement] of pageStatements.entries()) {
        const measure = await measurePlan(client, statement, RUNS);
        const key = `i${index + 1}`;
        measured.push({
          key,
          label: `api page (c): ${describeStatement(statement.sql)}`,
          sql: oneLine(statement.sql),
          parameters: statement.parameters,
          ...measure,
        });
        console.log(
          `\n### (${key}) api page (c): ${describeStatement(statement.sql)}\n${oneLine(statement.sql)}\n`,
        );
        console.log(measure.plan);
      }
      console.log(
        `\n(i) use case SearchOfferings for (c): ${pageStatements.length} statements, median wall ${pageWallMs} ms`,
      );
    } finally {
      await dataSource.destroy();
    }

    const failures = measured
      .filter((query) => query.seqScans.includes('sessions'))
      .map((query) => `(${query.key}) ${query.label}: Seq Scan on sessions`);
    const warnings = measured
      .filter((query) =>
        query.seqScans.some((table) => WATCHED.includes(table) && table !== 'sessions'),
      )
      .map((query) => `(${query.key}) ${query.label}: Seq Scan on ${query.seqScans.join(', ')}`)
      .concat(
        measured
          .filter((query) => query.hashedSubPlans > 0)
          .map(
            (query) =>
              `(${query.key}) ${query.label}: ${query.hashedSubPlans} hashed SubPlan(s), ` +
              'which read every matching session or slot whatever the page size',
          ),
      );
    const table = formatTable(
      [
        'query',
        'exec ms',
        'wall ms',
        'plan ms',
        'rows',
        'indexes used',
        'seq scans',
        'hashed',
        'jit ms',
      ],
      measured.map((query) => [
        `(${query.key}) ${query.label}`,
        query.executionMs.toFixed(2),
        query.wallMs.toFixed(2),
        query.planningMs.toFixed(2),
        query.rows,
        query.indexes.join(', ') || '-',
        query.seqScans.join(', ') || 'none',
        query.hashedSubPlans,
        query.jitMs ? query.jitMs.toFixed(1) : '-',
      ]),
    );
    const summary = [
      `PostgreSQL ${server.server_version}; ${counts.offerings} offerings (${counts.published_offerings} published), ` +
        `${counts.sessions} sessions (${counts.upcoming_sessions} upcoming scheduled), ${counts.slots} slots; ` +
        `seeded in ${(seeding.ms / 1000).toFixed(1)} s`,
      `published offerings matching the words: ${Object.entries(selectivity)
        .map(([words, count]) => `"${words}" ${count}`)
        .join(', ')}`,
      `medians of ${RUNS} runs: exec = EXPLAIN ANALYZE Execution Time, wall = plain execution seen from node`,
      ...table,
      `(i) a whole api search page for (c): ${measured.filter((query) => query.key.startsWith('i')).length} statements, median ${pageWallMs} ms`,
      ...warnings.map((warning) => `warning: ${warning}`),
    ];
    const result: ScenarioResult = {
      summary,
      failures,
      figures: {
        server,
        counts,
        selectivity,
        seedingMs: round(seeding.ms, 0),
        totalMs: Date.now() - started,
        pageWallMs,
        queries: measured,
        warnings,
      },
    };
    if (failures.length > 0) throw new ScenarioFailure(result);
    return result;
  } finally {
    await client.end();
    await disposeDatabase(url);
  }
}
