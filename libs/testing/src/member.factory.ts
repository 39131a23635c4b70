import { DataSource } from 'typeorm';
import { insertOrganisations } from './catalogue.factory';

/** Who books in an integration spec: a user as the use cases see them, and their organisation. */
export interface TestBooker {
  actor: { userId: string; roles: [] };
  organisationId: string;
}

/**
 * A user with a verified address (so they may book), written straight to the database, for
 * integration specs that call use cases without the api's sign-up.
 */
export async function insertVerifiedUser(db: DataSource, label = 'member'): Promise<string> {
  const [{ id }] = await db.query<{ id: string }[]>(
    `INSERT INTO users (email, name, password_hash, email_verified_at)
     VALUES ($1 || '-' || gen_random_uuid() || '@test.mutualis.fr', 'Membre de test', 'x', now())
     RETURNING id`,
    [label],
  );
  return id;
}

/**
 * A verified user and one organisation they administer, with the given Chambre membership for
 * this year and the next (null: never a member).
 */
export async function insertBooker(
  db: DataSource,
  membership: 'active' | 'pending' | 'lapsed' | null = 'active',
): Promise<TestBooker> {
  const userId = await insertVerifiedUser(db);
  const [organisationId] = await insertOrganisations(db, userId, 1, membership);
  return { actor: { userId, roles: [] }, organisationId };
}
