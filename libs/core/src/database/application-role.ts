/**
 * The two PostgreSQL roles of a Mutualis database. The owner (the user of DATABASE_URL) runs the
 * migrations and owns every table, function and trigger. The api and the worker connect as the
 * application role: it reads and writes rows, owns nothing, so it can neither drop nor alter a
 * table, disable a trigger (that takes ownership) nor switch triggers off for replication (that
 * takes a superuser); and it may not DELETE or TRUNCATE the records the law keeps.
 */

/** The application role's name when APP_DATABASE_USER is unset. */
export const DEFAULT_APPLICATION_ROLE = 'mutualis_app';

/** A role name we can write into DDL without quoting surprises. */
export const ROLE_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

export interface ApplicationRole {
  name: string;
  /** Set on the role by the migrator when configured; none under trust authentication. */
  password: string | null;
}

export interface ApplicationRoleSettings {
  APP_DATABASE_USER?: string;
  APP_DATABASE_PASSWORD?: string;
}

/** The application role as configured (APP_DATABASE_USER, APP_DATABASE_PASSWORD). */
export function applicationRole(settings: ApplicationRoleSettings = process.env): ApplicationRole {
  const name = settings.APP_DATABASE_USER || DEFAULT_APPLICATION_ROLE;
  if (!ROLE_NAME_PATTERN.test(name)) {
    throw new Error(
      `APP_DATABASE_USER must be 1-63 lower-case letters, digits or _ (got "${name}")`,
    );
  }
  return { name, password: settings.APP_DATABASE_PASSWORD || null };
}

/**
 * Where the api and the worker connect: the owner's server and database (DATABASE_URL), as the
 * application role. The owner's password is never part of it.
 */
export function applicationDatabaseUrl(ownerUrl: string, role: ApplicationRole): string {
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(role.name);
  url.password = role.password ? encodeURIComponent(role.password) : '';
  return url.toString();
}

/** Where the api and the worker connect, from their validated environment. */
export function applicationConnectionUrl(
  settings: ApplicationRoleSettings & { DATABASE_URL: string },
): string {
  return applicationDatabaseUrl(settings.DATABASE_URL, applicationRole(settings));
}

/** The user a connection string logs in as (`postgres` when it names none, like libpq). */
export function databaseUserOf(url: string): string {
  return decodeURIComponent(new URL(url).username) || 'postgres';
}

/**
 * A table whose rows are legal records: invoices and credit notes, their lines, numbering and
 * payments (CGI art. 289 and 242 nonies A, LPF art. L102 B: kept ten years as issued), and the
 * audit trails. The application role may never DELETE or TRUNCATE one; `appendOnly` ones may
 * not be UPDATEd either. The migrations' triggers hold the finer rules, for every role.
 */
export interface ProtectedTable {
  table: string;
  appendOnly?: boolean;
}

/**
 * Every protected table, in one list: a context that adds such a table (the accounting
 * journal's entries and lines) adds one line here, and the migrator withdraws the privileges
 * at the end of every run, from the application role and from PUBLIC.
 */
export const PROTECTED_TABLES: readonly ProtectedTable[] = [
  { table: 'audit_log', appendOnly: true },
  { table: 'reconciliation_audit', appendOnly: true },
  { table: 'invoices' },
  { table: 'invoice_lines' },
  { table: 'invoice_counters' },
  { table: 'invoice_payments' },
  // How each invoice reached its buyer, and the statuses it went through (never rewritten).
  { table: 'invoice_transmissions' },
  { table: 'invoice_lifecycle_events', appendOnly: true },
  // The journal: entries get their number and validation date once, counters count up, the
  // chart's numbers and labels change for entries to come; the rest is never updated.
  { table: 'accounting_entries' },
  { table: 'accounting_entry_lines', appendOnly: true },
  { table: 'accounting_counters' },
  { table: 'accounting_accounts' },
  { table: 'accounting_closed_periods', appendOnly: true },
  { table: 'accounting_letterings', appendOnly: true },
  { table: 'accounting_lettering_lines', appendOnly: true },
  { table: 'accounting_lettering_ends', appendOnly: true },
  // Generated documents and their signatures are records: a new version is a new row.
  { table: 'documents', appendOnly: true },
  { table: 'document_signatures', appendOnly: true },
  // Signed attendance (émargement): minutes missed are set before the countersignature (triggers).
  { table: 'training_attendance' },
  // A survey answer is given once and kept as given (Qualiopi evidence).
  { table: 'training_survey_answers', appendOnly: true },
];

/** An identifier for DDL (role and database names cannot be bound as parameters). */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A string literal for DDL (a role's password cannot be bound as a parameter). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
