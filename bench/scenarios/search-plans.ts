import { Client } from 'pg';
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
import {
  AUDIENCES,
  CATEGORY_WORDS,
  CITIES,
  CONSULTATION_PREFIXES,
  ELSEWHERE,
  FILLER_WORDS,
  GENERAL_WORDS,
  PACA_WEIGHTED,
  SENTENCE_STARTS,
  TRAINING_PREFIXES,
} from './search-plans.vocabulary';

export const description =
  'EXPLAIN ANALYZE of the catalogue search over 10,000 offerings and 50,000 sessions';

const DATABASE = 'mutualis_bench_search';
const OFFERINGS = 10_000;
const SESSIONS = 50_000;
const SLOTS = 20_000;
const CONSULTANTS = 20;
/** The api's default page size (DEFAULT_PAGE_SIZE) and the use case's NEXT_PER_OFFERING. */
const PAGE = 20;
const NEXT_PER_OFFERING = 3;
const RUNS = 5;
/** Tables a search plan must not read sequentially; only sessions fails the run. */
const WATCHED = ['sessions', 'consultation_slots', 'offerings'];

/** Each statement runs on the connection that set the seed, so the data is the same every run. */
async function seed(client: Client): Promise<Record<string, number>> {
  await client.query(`SELECT setseed(0.42)`);
  await client.query(`
    CREATE FUNCTION bench_words(cat int, n int, cw text[], gw text[], fw text[]) RETURNS text
    LANGUAGE sql VOLATILE AS $$
      SELECT string_agg(CASE
               WHEN r < 0.30 THEN cw[cat][1 + floor(random() * array_length(cw, 2))::int]
               WHEN r < 0.42 THEN gw[1 + floor(random() * cardinality(gw))::int]
               WHEN r < 0.47 THEN cw[1 + floor(random() * array_length(cw, 1))::int][1 + floor(random() * array_length(cw, 2))::int]
               ELSE fw[1 + floor(random() * cardinality(fw))::int]
             END, ' ')
        FROM (SELECT random() AS r FROM generate_series(1, n)) picks
    $$`);
  await client.query(`
    CREATE FUNCTION bench_prose(cat int, sentences int, cw text[], gw text[], fw text[], starts text[])
    RETURNS text LANGUAGE sql VOLATILE AS $$
      SELECT string_agg(starts[1 + floor(random() * cardinality(starts))::int] || ' '
                        || bench_words(cat, 4 + floor(random() * 4)::int, cw, gw, fw) || '.', ' ')
        FROM generate_series(1, sentences)
    $$`);

  await client.query(
    `INSERT INTO users (email, name, password_hash, platform_roles)
     SELECT format('consultant%s@bench.example.org', lpad(g::text, 2, '0')),
            format('Consultant %s', g), 'not-a-hash', ARRAY['consultant']
       FROM generate_series(1, $1::int) AS g`,
    [CONSULTANTS],
  );
  await client.query(
    `INSERT INTO consultant_profiles (user_id, bio, expertise, departments)
     SELECT id, 'Consultant de l’économie sociale et solidaire.', ARRAY['ESS'], ARRAY['13', '84']
       FROM users`,
  );

  await client.query(
    `WITH consultants AS MATERIALIZED (
       SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE platform_roles @> ARRAY['consultant']
     ),
     picks AS MATERIALIZED (
       SELECT g, (1 + floor(random() * 7))::int AS cat,
              CASE WHEN random() < 0.8 THEN 'training' ELSE 'consultation' END AS kind,
              random() AS rs, random() AS rm, random() AS rp,
              now() - random() * interval '540 days' AS created
         FROM generate_series(1, $1::int) AS g
     )
     INSERT INTO offerings (consultant_id, category_id, title, summary, description, kind,
                            delivery_mode, departments, duration_minutes, member_price_cents,
                            non_member_price_cents, vat_treatment, cancellation_policy,
                            max_seats_per_organisation, status, submitted_at, published_at,
                            archived_at, created_at)
     SELECT consultants.ids[1 + floor(random() * cardinality(consultants.ids))::int],
            c.id,
            CASE p.kind
              WHEN 'training' THEN ($4::text[])[1 + floor(random() * cardinality($4::text[]))::int]
              ELSE ($5::text[])[1 + floor(random() * cardinality($5::text[]))::int] END
              || ' : ' || ($2::text[])[p.cat][1 + floor(random() * 8)::int]
              || ' et ' || ($2::text[])[p.cat][1 + floor(random() * 8)::int]
              || ' pour ' || ($6::text[])[1 + floor(random() * cardinality($6::text[]))::int],
            (SELECT upper(left(words, 1)) || substr(words, 2) || '.'
               FROM (SELECT bench_words(p.cat, 6 + p.g % 4, $2, $3, $10) AS words) AS summary),
            bench_prose(p.cat, 4 + p.g % 4, $2, $3, $10, $7),
            p.kind,
            CASE WHEN p.rm < 0.5 THEN 'on_site' WHEN p.rm < 0.8 THEN 'remote' ELSE 'hybrid' END,
            ARRAY(SELECT DISTINCT CASE WHEN random() < 0.92
                                       THEN ($8::text[])[1 + floor(random() * cardinality($8::text[]))::int]
                                       ELSE ($9::text[])[1 + floor(random() * cardinality($9::text[]))::int] END
                    FROM generate_series(1, 1 + p.g % 3)
                   ORDER BY 1),
            CASE p.kind WHEN 'training' THEN (1 + floor(random() * 5))::int * 210 ELSE 60 + 30 * (p.g % 2) END,
            p.member_price,
            p.member_price * 13 / 10,
            CASE WHEN p.kind = 'consultation' THEN 'standard'
                 WHEN p.rp < 0.7 THEN 'exempt_training' ELSE 'standard' END,
            '{"tiers":[{"daysBefore":14,"refundPercent":100},{"daysBefore":7,"refundPercent":50}]}',
            CASE WHEN p.rp < 0.2 THEN 3 END,
            p.status,
            CASE WHEN p.status <> 'draft' THEN p.created + interval '1 day' END,
            CASE WHEN p.status IN ('published', 'archived') THEN p.created + interval '3 days' END,
            CASE WHEN p.status = 'archived' THEN p.created + interval '200 days' END,
            p.created
       FROM (SELECT picks.*,
                    CASE WHEN rs < 0.85 THEN 'published' WHEN rs < 0.90 THEN 'draft'
                         WHEN rs < 0.95 THEN 'submitted' ELSE 'archived' END AS status,
                    (CASE kind WHEN 'training' THEN 8 + floor(rp * 60) ELSE 6 + floor(rp * 15) END)::bigint * 1000
                      AS member_price
               FROM picks) p
       JOIN categories c ON c.position = p.cat
      CROSS JOIN consultants`,
    [
      OFFERINGS,
      CATEGORY_WORDS,
      GENERAL_WORDS,
      TRAINING_PREFIXES,
      CONSULTATION_PREFIXES,
      AUDIENCES,
      SENTENCE_STARTS,
      PACA_WEIGHTED,
      ELSEWHERE,
      FILLER_WORDS,
    ],
  );

  // Sessions of published trainings, from 30 days ago to 180 days ahead; a fifth are full.
  await client.query(
    `WITH trainings AS MATERIALIZED (
       SELECT row_number() OVER (ORDER BY id) AS n, id, delivery_mode, duration_minutes
         FROM offerings WHERE kind = 'training' AND status = 'published'
     ),
     picks AS MATERIALIZED (
       SELECT g,
              1 + floor(random() * (SELECT count(*) FROM trainings))::int AS n,
              date_trunc('day', now()) + (floor(random() * 211) - 30) * interval '1 day'
                + (CASE WHEN random() < 0.6 THEN 7 ELSE 12 END) * interval '1 hour' AS starts_at,
              (8 + floor(random() * 23))::int AS capacity,
              random() AS rf, random() AS rs
         FROM generate_series(1, $1::int) AS g
     ),
     planned AS (
       SELECT t.id AS offering_id, t.delivery_mode, p.*,
              p.starts_at + make_interval(mins => t.duration_minutes) AS ends_at
         FROM picks p JOIN trainings t USING (n)
     ),
     decided AS (
       SELECT planned.*,
              CASE WHEN ends_at < now() THEN
                     CASE WHEN rs < 0.90 THEN 'completed' WHEN rs < 0.95 THEN 'cancelled' ELSE 'scheduled' END
                   ELSE CASE WHEN rs < 0.94 THEN 'scheduled' ELSE 'cancelled' END END AS status
         FROM planned
     )
     INSERT INTO sessions (offering_id, starts_at, ends_at, registration_deadline, capacity,
                           seats_taken, location, remote_url, status, cancelled_at, cancellation_reason)
     SELECT offering_id, starts_at, ends_at, starts_at - interval '3 days', capacity,
            CASE WHEN rf < 0.2 THEN capacity ELSE floor(random() * capacity)::int END,
            CASE WHEN delivery_mode <> 'remote' THEN ($2::text[])[1 + g % cardinality($2::text[])] END,
            CASE WHEN delivery_mode <> 'on_site' THEN 'https://visio.example.org/' || g END,
            status,
            CASE WHEN status = 'cancelled' THEN starts_at - interval '10 days' END,
            CASE WHEN status = 'cancelled' THEN 'Pas assez d’inscrits' END
       FROM decided`,
    [SESSIONS, CITIES],
  );

  // Slots of published consultations, on two-hour marks so a consultant's never overlap.
  await client.query(
    `WITH consultations AS MATERIALIZED (
       SELECT row_number() OVER (ORDER BY id) AS n, id, consultant_id, duration_minutes
         FROM offerings WHERE kind = 'consultation' AND status = 'published'
     ),
     picks AS MATERIALIZED (
       SELECT g, 1 + floor(random() * (SELECT count(*) FROM consultations))::int AS n, random() AS rs
         FROM generate_series(1, $1::int) AS g
     ),
     placed AS (
       SELECT c.id AS offering_id, c.consultant_id, c.duration_minutes, p.rs,
              row_number() OVER (PARTITION BY c.consultant_id ORDER BY p.g) - 1 AS k
         FROM picks p JOIN consultations c USING (n)
     ),
     timed AS (
       SELECT placed.*,
              date_trunc('day', now()) - interval '14 days' + (k / 6) * interval '1 day'
                + (8 + 2 * (k % 6)) * interval '1 hour' AS starts_at
         FROM placed
     )
     INSERT INTO consultation_slots (offering_id, consultant_id, starts_at, ends_at, status)
     SELECT offering_id, consultant_id, starts_at, starts_at + make_interval(mins => duration_minutes),
            CASE WHEN starts_at < now() THEN
                   CASE WHEN rs < 0.5 THEN 'booked' WHEN rs < 0.9 THEN 'open' ELSE 'cancelled' END
                 ELSE CASE WHEN rs < 0.75 THEN 'open' WHEN rs < 0.95 THEN 'booked' ELSE 'cancelled' END END
       FROM timed`,
    [SLOTS],
  );

  await client.query(`DROP FUNCTION bench_prose(int, int, text[], text[], text[], text[])`);
  await client.query(`DROP FUNCTION bench_words(int, int, text[], text[], text[])`);
  // As a database that has lived a while: statistics up to date, visibility map set.
  await client.query(`VACUUM ANALYZE`);

  const { rows } = await client.query<Record<string, string>>(`
    SELECT (SELECT count(*) FROM users) AS users,
           (SELECT count(*) FROM offerings) AS offerings,
           (SELECT count(*) FROM offerings WHERE status = 'published') AS published_offerings,
           (SELECT count(*) FROM offerings WHERE kind = 'training') AS trainings,
           (SELECT count(*) FROM sessions) AS sessions,
           (SELECT count(*) FROM sessions WHERE status = 'scheduled' AND starts_at > now()) AS upcoming_sessions,
           (SELECT count(*) FROM sessions WHERE seats_taken = capacity) AS full_sessions,
           (SELECT count(*) FROM consultation_slots) AS slots,
           (SELECT count(*) FROM consultation_slots WHERE status = 'open' AND starts_at > now()) AS open_slots,
           (SELECT pg_total_relation_size('offerings')) AS offerings_bytes,
           (SELECT pg_total_relation_size('sessions')) AS sessions_bytes`);
  return Object.fromEntries(Object.entries(rows[0]).map(([key, value]) => [key, Number(value)]));
}

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
    const seeding = await timed(() => seed(client));
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
