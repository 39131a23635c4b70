import { EntityManager } from 'typeorm';

export type SavepointOutcome = { failed: false } | { failed: true; error: unknown };

/**
 * Runs work inside a savepoint of the caller's transaction: when it throws, only its own writes
 * are rolled back and the error is answered, so the rest of the transaction goes on.
 */
export async function inSavepoint(
  manager: EntityManager,
  name: string,
  work: () => Promise<void>,
): Promise<SavepointOutcome> {
  await manager.query(`SAVEPOINT ${name}`);
  try {
    await work();
    await manager.query(`RELEASE SAVEPOINT ${name}`);
    return { failed: false };
  } catch (error) {
    await manager.query(`ROLLBACK TO SAVEPOINT ${name}`);
    return { failed: true, error };
  }
}
