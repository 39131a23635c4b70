import { MigrationInterface, QueryRunner } from 'typeorm';

const DEPARTMENT_LIST = `'^((\\d{2}|2A|2B|97[1-8])(,(\\d{2}|2A|2B|97[1-8]))*)?$'`;

/**
 * Categories (reference data, seeded here), consultant profiles, offerings with their
 * moderation status and French full-text search vector, training sessions with their seat
 * counter, and consultation slots that never overlap for one consultant.
 */
export class CreateCatalogue1795680100000 implements MigrationInterface {
  name = 'CreateCatalogue1795680100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    // French stemming that ignores accents: "employés" and "employes" meet at "employ".
    await db.query(`CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french)`);
    await db.query(`
      ALTER TEXT SEARCH CONFIGURATION french_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem`);

    await db.query(`
      CREATE TABLE categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        label_fr text NOT NULL CHECK (length(btrim(label_fr)) BETWEEN 1 AND 100),
        label_en text NOT NULL CHECK (length(btrim(label_en)) BETWEEN 1 AND 100),
        position smallint NOT NULL DEFAULT 0,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT categories_slug_key UNIQUE (slug)
      )`);
    await db.query(`
      INSERT INTO categories (slug, label_fr, label_en, position) VALUES
        ('formation', 'Formation', 'Training', 1),
        ('juridique', 'Juridique', 'Legal', 2),
        ('ressources-humaines', 'Ressources humaines', 'Human resources', 3),
        ('gestion-et-finance', 'Gestion et finance', 'Management and finance', 4),
        ('numerique', 'Numérique', 'Digital', 5),
        ('gouvernance-cooperative', 'Gouvernance coopérative', 'Cooperative governance', 6),
        ('financement', 'Financement', 'Funding', 7)`);

    await db.query(`
      CREATE TABLE consultant_profiles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        bio text NOT NULL DEFAULT '' CHECK (length(bio) <= 5000),
        expertise text[] NOT NULL DEFAULT '{}' CHECK (cardinality(expertise) <= 30),
        departments text[] NOT NULL DEFAULT '{}'
          CHECK (array_to_string(departments, ',') ~ ${DEPARTMENT_LIST}),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT consultant_profiles_user_key UNIQUE (user_id)
      )`);

    await db.query(`
      CREATE TABLE offerings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultant_id uuid NOT NULL REFERENCES users (id),
        category_id uuid NOT NULL REFERENCES categories (id),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 3 AND 200),
        summary text NOT NULL CHECK (length(btrim(summary)) BETWEEN 1 AND 500),
        description text NOT NULL CHECK (length(description) <= 20000),
        kind text NOT NULL CHECK (kind IN ('training', 'consultation')),
        delivery_mode text NOT NULL CHECK (delivery_mode IN ('on_site', 'remote', 'hybrid')),
        departments text[] NOT NULL
          CHECK (cardinality(departments) >= 1 AND array_to_string(departments, ',') ~ ${DEPARTMENT_LIST}),
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 10080),
        member_price_cents bigint NOT NULL CHECK (member_price_cents >= 0),
        non_member_price_cents bigint NOT NULL,
        vat_treatment text NOT NULL CHECK (vat_treatment IN ('standard', 'exempt_training', 'not_subject')),
        cancellation_policy jsonb NOT NULL,
        max_seats_per_organisation integer CHECK (max_seats_per_organisation > 0),
        status text NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft', 'submitted', 'published', 'rejected', 'archived')),
        rejection_reason text CHECK (length(rejection_reason) <= 2000),
        submitted_at timestamptz,
        published_at timestamptz,
        archived_at timestamptz,
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('french_unaccent', title), 'A') ||
          setweight(to_tsvector('french_unaccent', summary), 'B') ||
          setweight(to_tsvector('french_unaccent', description), 'C')
        ) STORED,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT offerings_member_price_not_above_non_member CHECK (member_price_cents <= non_member_price_cents),
        CONSTRAINT offerings_rejected_has_reason CHECK (status <> 'rejected' OR rejection_reason IS NOT NULL),
        CONSTRAINT offerings_published_has_date CHECK (status <> 'published' OR published_at IS NOT NULL)
      )`);
    // Search only ever reads published offerings: every search index is partial.
    await db.query(
      `CREATE INDEX offerings_search_idx ON offerings USING gin (search_vector) WHERE status = 'published'`,
    );
    await db.query(
      `CREATE INDEX offerings_departments_idx ON offerings USING gin (departments) WHERE status = 'published'`,
    );
    await db.query(
      `CREATE INDEX offerings_published_idx ON offerings (published_at DESC, id) WHERE status = 'published'`,
    );
    await db.query(
      `CREATE INDEX offerings_category_published_idx ON offerings (category_id, published_at DESC, id)
       WHERE status = 'published'`,
    );
    await db.query(
      `CREATE INDEX offerings_consultant_idx ON offerings (consultant_id, created_at, id)`,
    );
    await db.query(
      `CREATE INDEX offerings_moderation_idx ON offerings (submitted_at, id) WHERE status = 'submitted'`,
    );

    await db.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        offering_id uuid NOT NULL REFERENCES offerings (id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        registration_deadline timestamptz NOT NULL,
        capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
        -- Seats held or confirmed; only ever changed by a conditional update that keeps it
        -- within capacity, and this constraint refuses anything that would not.
        seats_taken integer NOT NULL DEFAULT 0,
        location text CHECK (length(location) <= 300),
        remote_url text CHECK (remote_url ~ '^https://' AND length(remote_url) <= 500),
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled', 'completed')),
        cancelled_at timestamptz,
        cancellation_reason text CHECK (length(cancellation_reason) <= 1000),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sessions_ends_after_start CHECK (ends_at > starts_at),
        CONSTRAINT sessions_deadline_before_start CHECK (registration_deadline <= starts_at),
        CONSTRAINT sessions_seats_within_capacity CHECK (seats_taken BETWEEN 0 AND capacity),
        CONSTRAINT sessions_has_place CHECK (location IS NOT NULL OR remote_url IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX sessions_offering_idx ON sessions (offering_id, starts_at)`);
    await db.query(
      `CREATE INDEX sessions_scheduled_idx ON sessions (offering_id, starts_at) WHERE status = 'scheduled'`,
    );
    // Carries the deadline so that checking "can still be booked" never reads the table itself.
    await db.query(
      `CREATE INDEX sessions_with_seats_idx ON sessions (offering_id, starts_at) INCLUDE (registration_deadline)
       WHERE status = 'scheduled' AND seats_taken < capacity`,
    );
    await db.query(
      `CREATE INDEX sessions_to_complete_idx ON sessions (ends_at) WHERE status = 'scheduled'`,
    );

    await db.query(`
      CREATE TABLE consultation_slots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        offering_id uuid NOT NULL REFERENCES offerings (id),
        consultant_id uuid NOT NULL REFERENCES users (id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'booked', 'cancelled')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT consultation_slots_ends_after_start CHECK (ends_at > starts_at),
        -- One consultant is never in two consultations at once, whatever the offering.
        CONSTRAINT consultation_slots_no_overlap EXCLUDE USING gist (
          consultant_id WITH =,
          tstzrange(starts_at, ends_at) WITH &&
        ) WHERE (status <> 'cancelled')
      )`);
    await db.query(
      `CREATE INDEX consultation_slots_open_idx ON consultation_slots (offering_id, starts_at) WHERE status = 'open'`,
    );
    await db.query(
      `CREATE INDEX consultation_slots_offering_idx ON consultation_slots (offering_id, starts_at)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE consultation_slots`);
    await db.query(`DROP TABLE sessions`);
    await db.query(`DROP TABLE offerings`);
    await db.query(`DROP TABLE consultant_profiles`);
    await db.query(`DROP TABLE categories`);
    await db.query(`DROP TEXT SEARCH CONFIGURATION french_unaccent`);
  }
}
