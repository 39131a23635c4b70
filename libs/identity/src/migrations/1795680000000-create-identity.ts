import { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, organisations, their members, yearly Chambre membership (adhésion), invitations and sessions. */
export class CreateIdentity1795680000000 implements MigrationInterface {
  name = 'CreateIdentity1795680000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // SIRET: 14 digits with a Luhn check digit; La Poste's establishments (SIREN 356000000)
    // are numbered so that the sum of their digits is a multiple of 5 instead.
    await db.query(`
      CREATE FUNCTION is_valid_siret(value text) RETURNS boolean
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT value ~ '^[0-9]{14}$' AND (
          (SELECT sum(CASE WHEN i % 2 = 1
                           THEN (substr(value, i, 1)::int * 2) / 10 + (substr(value, i, 1)::int * 2) % 10
                           ELSE substr(value, i, 1)::int END)
             FROM generate_series(1, 14) AS i) % 10 = 0
          OR (left(value, 9) = '356000000'
              AND (SELECT sum(substr(value, i, 1)::int) FROM generate_series(1, 14) AS i) % 5 = 0)
        )
      $$`);

    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = btrim(email) AND email LIKE '%_@_%' AND length(email) <= 254),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        password_hash text NOT NULL,
        locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
        platform_roles text[] NOT NULL DEFAULT '{}'
          CHECK (platform_roles <@ ARRAY['admin', 'finance', 'consultant']::text[]),
        disabled_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await db.query(`CREATE INDEX users_created_at_id_idx ON users (created_at, id)`);
    await db.query(
      `CREATE INDEX users_search_idx ON users USING gin (lower(name || ' ' || email) gin_trgm_ops)`,
    );

    await db.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        legal_name text NOT NULL CHECK (length(btrim(legal_name)) BETWEEN 1 AND 250),
        legal_form text NOT NULL
          CHECK (legal_form IN ('association', 'scop', 'scic', 'cooperative', 'mutuelle', 'fondation', 'esus', 'other')),
        siret char(14) NOT NULL CONSTRAINT organisations_siret_valid CHECK (is_valid_siret(siret)),
        rna char(10) CHECK (rna ~ '^W[0-9]{9}$'),
        address_line1 text NOT NULL CHECK (length(btrim(address_line1)) BETWEEN 1 AND 200),
        address_line2 text CHECK (length(address_line2) <= 200),
        postal_code text NOT NULL CHECK (postal_code ~ '^[0-9]{5}$'),
        city text NOT NULL CHECK (length(btrim(city)) BETWEEN 1 AND 120),
        country char(2) NOT NULL DEFAULT 'FR' CHECK (country ~ '^[A-Z]{2}$'),
        department text NOT NULL CHECK (department ~ '^([0-9]{2}|2A|2B|97[1-8])$'),
        billing_email text NOT NULL CHECK (billing_email LIKE '%_@_%' AND length(billing_email) <= 254),
        vat_number text CHECK (vat_number ~ '^[A-Z]{2}[0-9A-Z]{2,13}$'),
        is_public_body boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organisations_siret_key UNIQUE (siret),
        CONSTRAINT organisations_rna_only_for_associations CHECK (rna IS NULL OR legal_form = 'association')
      )`);
    await db.query(
      `CREATE INDEX organisations_created_at_id_idx ON organisations (created_at, id)`,
    );
    await db.query(
      `CREATE INDEX organisations_legal_name_search_idx ON organisations USING gin (lower(legal_name) gin_trgm_ops)`,
    );

    await db.query(`
      CREATE TABLE organisation_members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('org_admin', 'org_member')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT organisation_members_organisation_user_key UNIQUE (organisation_id, user_id)
      )`);
    await db.query(
      `CREATE INDEX organisation_members_user_id_idx ON organisation_members (user_id)`,
    );

    await db.query(`
      CREATE TABLE memberships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        status text NOT NULL CHECK (status IN ('pending', 'active', 'lapsed')),
        fee_cents bigint NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT memberships_organisation_year_key UNIQUE (organisation_id, year)
      )`);

    await db.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = btrim(email) AND email LIKE '%_@_%' AND length(email) <= 254),
        role text NOT NULL CHECK (role IN ('org_admin', 'org_member')),
        token_hash char(64) NOT NULL,
        invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES users (id) ON DELETE SET NULL,
        revoked_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT invitations_token_hash_key UNIQUE (token_hash)
      )`);
    // One open invitation per address and organisation: a new one replaces the old.
    await db.query(`
      CREATE UNIQUE INDEX invitations_open_per_email_key ON invitations (organisation_id, lower(email))
      WHERE accepted_at IS NULL AND revoked_at IS NULL`);

    await db.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT refresh_tokens_token_hash_key UNIQUE (token_hash)
      )`);
    await db.query(`CREATE INDEX refresh_tokens_family_id_idx ON refresh_tokens (family_id)`);
    await db.query(`CREATE INDEX refresh_tokens_user_id_idx ON refresh_tokens (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE refresh_tokens`);
    await db.query(`DROP TABLE invitations`);
    await db.query(`DROP TABLE memberships`);
    await db.query(`DROP TABLE organisation_members`);
    await db.query(`DROP TABLE organisations`);
    await db.query(`DROP TABLE users`);
    await db.query(`DROP FUNCTION is_valid_siret(text)`);
  }
}
