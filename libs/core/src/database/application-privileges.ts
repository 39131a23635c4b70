import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import {
  ApplicationRole,
  PROTECTED_TABLES,
  ProtectedTable,
  quoteIdentifier,
  quoteLiteral,
} from './application-role';

/**
 * Roles belong to the cluster, not to one database: every migrator of the cluster (each test
 * run migrates databases of its own, in parallel) changes them one at a time, under a lock taken
 * in the `postgres` database they all reach, or PostgreSQL answers "tuple concurrently updated".
 */
async function underClusterRoleLock<T>(
  ownerUrl: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const maintenance = new URL(ownerUrl);
  maintenance.pathname = '/postgres';
  const client = new Client({
    connectionString: maintenance.toString(),
    application_name: 'mutualis-migrator',
  });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('mutualis:application-role'))`);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

interface RoleRow {
  rolsuper: boolean;
  rolcreatedb: boolean;
  rolcreaterole: boolean;
  rolreplication: boolean;
  rolbypassrls: boolean;
  rolcanlogin: boolean;
  is_owner: boolean;
  member_of_owner: boolean;
}

/**
 * Creates the application role when it is missing: NOLOGIN, so nobody signs in as it before
 * this database's privileges are in place ({@link allowApplicationLogin} turns LOGIN on after).
 * An existing role is never altered beyond its password: one with powers the application must
 * not have (a superuser, say, named by mistake) stops the migration with what to do.
 */
export async function ensureApplicationRole(
  ownerUrl: string,
  role: ApplicationRole,
): Promise<void> {
  const name = quoteIdentifier(role.name);
  await underClusterRoleLock(ownerUrl, async (client) => {
    const { rows } = await client.query<RoleRow>(
      `SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin,
              rolname = current_user AS is_owner,
              pg_has_role(oid, current_user, 'MEMBER') AS member_of_owner
         FROM pg_roles WHERE rolname = $1`,
      [role.name],
    );
    const existing = rows[0];
    if (!existing) {
      await client.query(
        `CREATE ROLE ${name} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`,
      );
    } else {
      const powers = [
        existing.is_owner && 'is the owner that runs the migrations',
        existing.member_of_owner && 'is a member of the owner that runs the migrations',
        existing.rolsuper && 'is a superuser',
        existing.rolcreatedb && 'may create databases',
        existing.rolcreaterole && 'may create roles',
        existing.rolreplication && 'may replicate',
        existing.rolbypassrls && 'bypasses row security',
      ].filter((power): power is string => typeof power === 'string');
      if (powers.length > 0) {
        throw new Error(
          `the application role "${role.name}" ${powers.join(', ')}: the api and the worker must ` +
            'connect as a role that owns nothing and may not change the schema. Set ' +
            'APP_DATABASE_USER to a role of their own (the migrator creates it), or take these ' +
            `rights away from "${role.name}" as a superuser.`,
        );
      }
    }
    // Set at each run, so changing APP_DATABASE_PASSWORD and migrating again rotates it.
    if (role.password) {
      await client.query(`ALTER ROLE ${name} PASSWORD ${quoteLiteral(role.password)}`);
    }
  });
}

/** Lets the application role sign in, once a database's privileges are in place. */
export async function allowApplicationLogin(
  ownerUrl: string,
  role: ApplicationRole,
): Promise<void> {
  await underClusterRoleLock(ownerUrl, async (client) => {
    const { rows } = await client.query<{ rolcanlogin: boolean }>(
      `SELECT rolcanlogin FROM pg_roles WHERE rolname = $1`,
      [role.name],
    );
    if (rows[0] && !rows[0].rolcanlogin) {
      await client.query(`ALTER ROLE ${quoteIdentifier(role.name)} LOGIN`);
    }
  });
}

/**
 * The application role's privileges on this database, set whole at the end of every migration
 * run and in one transaction: rows of every table (tables of later migrations too, through
 * default privileges), none of schema_migrations, and on the protected tables no DELETE nor
 * TRUNCATE (nor UPDATE when append-only). Starting from nothing each time, a privilege granted
 * by hand (TRUNCATE, TRIGGER, a sequence's setval) does not linger. Refuses a role that owns
 * objects here: an owner may alter, drop and disable triggers whatever its privileges.
 */
export async function grantApplicationPrivileges(
  dataSource: DataSource,
  role: ApplicationRole,
  protectedTables: readonly ProtectedTable[] = PROTECTED_TABLES,
): Promise<void> {
  const app = quoteIdentifier(role.name);
  await dataSource.transaction(async (manager) => {
    const [{ database }] = await manager.query<{ database: string }[]>(
      `SELECT current_database() AS database`,
    );
    const present = new Set(
      (
        await manager.query<{ relname: string }[]>(
          `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname = ANY($1)`,
          [protectedTables.map((entry) => entry.table)],
        )
      ).map((row) => row.relname),
    );
    const statements = [
      // PostgreSQL 15 withdrew it; a cluster upgraded from an older one may still grant it.
      `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
      `GRANT CONNECT ON DATABASE ${quoteIdentifier(database)} TO ${app}`,
      `GRANT USAGE ON SCHEMA public TO ${app}`,
      `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`,
      `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${app}`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`,
      `GRANT EXECUTE ON ALL ROUTINES IN SCHEMA public TO ${app}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON ROUTINES TO ${app}`,
      `REVOKE ALL ON schema_migrations FROM ${app}`,
      ...protectedTables
        .filter((entry) => present.has(entry.table))
        .map(
          (entry) =>
            `REVOKE ${entry.appendOnly ? 'UPDATE, ' : ''}DELETE, TRUNCATE ON ${quoteIdentifier(entry.table)} FROM ${app}, PUBLIC`,
        ),
    ];
    for (const statement of statements) await manager.query(statement);
    const owned = await objectsOwnedBy(manager, role.name);
    if (owned.length > 0) {
      throw new Error(
        `the application role "${role.name}" owns ${owned.join(', ')}: an owner may alter, drop ` +
          'or disable the triggers of what it owns. Give them to the owner that runs the ' +
          `migrations (REASSIGN OWNED BY "${role.name}" TO <owner>) and migrate again.`,
      );
    }
  });
}

/** What the role owns in this database (and which database it owns), temporary tables aside. */
async function objectsOwnedBy(manager: EntityManager, roleName: string): Promise<string[]> {
  const rows = await manager.query<{ object: string }[]>(
    `WITH r AS (SELECT oid FROM pg_roles WHERE rolname = $1),
          kept AS (SELECT oid FROM pg_namespace
                    WHERE nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%')
     SELECT 'relation ' || c.oid::regclass::text AS object FROM pg_class c, r
      WHERE c.relowner = r.oid AND c.relnamespace IN (SELECT oid FROM kept)
     UNION ALL
     SELECT 'routine ' || p.oid::regprocedure::text FROM pg_proc p, r WHERE p.proowner = r.oid
     UNION ALL
     SELECT 'type ' || t.oid::regtype::text FROM pg_type t, r
      WHERE t.typowner = r.oid AND t.typnamespace IN (SELECT oid FROM kept)
     UNION ALL
     SELECT 'schema ' || n.nspname FROM pg_namespace n, r WHERE n.nspowner = r.oid
     UNION ALL
     SELECT 'database ' || d.datname FROM pg_database d, r WHERE d.datdba = r.oid
     ORDER BY 1 LIMIT 20`,
    [roleName],
  );
  return rows.map((row) => row.object);
}
