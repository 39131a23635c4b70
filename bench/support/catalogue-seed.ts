import { Client } from 'pg';
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
} from '../scenarios/search-plans.vocabulary';

/** How much catalogue to seed. */
export interface CatalogueSizes {
  offerings: number;
  /** Sessions of published trainings. */
  sessions: number;
  /** Consultation slots of published consultations. */
  slots: number;
  consultants: number;
}

/** The size of the catalogue issue's acceptance point: 10,000 offerings and 50,000 sessions. */
export const CATALOGUE_SIZES: CatalogueSizes = {
  offerings: 10_000,
  sessions: 50_000,
  slots: 20_000,
  consultants: 20,
};

/**
 * Seeds the catalogue of a freshly migrated database (see bench/README.md, search-plans): users
 * and consultant profiles, offerings written from the vocabulary, sessions and slots, then
 * VACUUM ANALYZE. Returns the counts. Each statement runs on the connection that set the seed,
 * so the data is the same every run.
 */
export async function seedCatalogue(
  client: Client,
  sizes: CatalogueSizes = CATALOGUE_SIZES,
): Promise<Record<string, number>> {
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
    [sizes.consultants],
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
      sizes.offerings,
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
    [sizes.sessions, CITIES],
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
    [sizes.slots],
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
