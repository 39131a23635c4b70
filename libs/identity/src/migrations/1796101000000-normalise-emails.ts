import { MigrationInterface, QueryRunner } from 'typeorm';
import { normaliseEmail } from '../auth/email-address';

interface StoredAddress {
  id: string;
  email: string;
  created_at: Date;
}

/**
 * Every stored e-mail address in the one form identity now compares (normaliseEmail: NFKC,
 * lower-cased, trimmed), and the unique index of users on that form instead of PostgreSQL's
 * lower(), which lower-cases differently from the api (issue 16, §1.4).
 *
 * Two accounts whose addresses become the same stop the migration, listing them: which of the
 * two keeps the address (and its organisations, bookings and invoices) is a decision about
 * people that no migration should take. Resolve each pair (change one address, or disable
 * and rename the duplicate) and run the migrations again; nothing was changed meanwhile.
 * Two open invitations of one organisation that become the same address are not a question:
 * the newest stays open, the older ones are revoked, as inviting the address again would.
 */
export class NormaliseEmails1796101000000 implements MigrationInterface {
  name = 'NormaliseEmails1796101000000';

  async up(db: QueryRunner): Promise<void> {
    const users = (await db.query(
      `SELECT id, email, created_at FROM users ORDER BY created_at, id`,
    )) as StoredAddress[];
    const owners = new Map<string, StoredAddress[]>();
    for (const user of users) {
      const key = normaliseEmail(user.email);
      owners.set(key, [...(owners.get(key) ?? []), user]);
    }
    const collisions = [...owners.entries()].filter(([, accounts]) => accounts.length > 1);
    if (collisions.length > 0) {
      const lines = collisions.map(
        ([address, accounts]) =>
          `  ${address}: ${accounts
            .map(
              (account) =>
                `${account.id} (${JSON.stringify(account.email)}, created ${account.created_at.toISOString()})`,
            )
            .join(', ')}`,
      );
      throw new Error(
        `${collisions.length} e-mail address(es) belong to several accounts once normalised; ` +
          `give each account its own address, then migrate again:\n${lines.join('\n')}`,
      );
    }

    await db.query(`DROP INDEX users_email_key`);
    await updateChanged(db, 'users', 'email', users);
    await db.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);

    const invitations = (await db.query(
      `SELECT id, email, created_at FROM invitations`,
    )) as StoredAddress[];
    await db.query(`DROP INDEX invitations_open_per_email_key`);
    await updateChanged(db, 'invitations', 'email', invitations);
    await db.query(`
      UPDATE invitations SET revoked_at = now()
       WHERE accepted_at IS NULL AND revoked_at IS NULL
         AND EXISTS (SELECT 1 FROM invitations newer
                      WHERE newer.organisation_id = invitations.organisation_id
                        AND newer.email = invitations.email
                        AND newer.accepted_at IS NULL AND newer.revoked_at IS NULL
                        AND (newer.created_at, newer.id) > (invitations.created_at, invitations.id))`);
    await db.query(`
      CREATE UNIQUE INDEX invitations_open_per_email_key ON invitations (organisation_id, email)
      WHERE accepted_at IS NULL AND revoked_at IS NULL`);

    // Billing addresses are matched to accounts (the language of billing mail).
    const organisations = (await db.query(
      `SELECT id, billing_email AS email FROM organisations`,
    )) as { id: string; email: string }[];
    await updateChanged(db, 'organisations', 'billing_email', organisations);
  }

  async down(db: QueryRunner): Promise<void> {
    // The addresses stay normalised: their original spelling is not kept anywhere.
    await db.query(`DROP INDEX invitations_open_per_email_key`);
    await db.query(`
      CREATE UNIQUE INDEX invitations_open_per_email_key ON invitations (organisation_id, lower(email))
      WHERE accepted_at IS NULL AND revoked_at IS NULL`);
    await db.query(`DROP INDEX users_email_key`);
    await db.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
  }
}

/** Writes the normalised address of the rows whose stored one differs, in one statement. */
async function updateChanged(
  db: QueryRunner,
  table: 'users' | 'invitations' | 'organisations',
  column: 'email' | 'billing_email',
  rows: { id: string; email: string }[],
): Promise<void> {
  const changed = rows.filter((row) => normaliseEmail(row.email) !== row.email);
  if (changed.length === 0) return;
  await db.query(
    `UPDATE ${table} SET ${column} = changed.email
       FROM unnest($1::uuid[], $2::text[]) AS changed (id, email)
      WHERE ${table}.id = changed.id`,
    [changed.map((row) => row.id), changed.map((row) => normaliseEmail(row.email))],
  );
}
