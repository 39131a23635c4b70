import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A user's TOTP row: the encrypted secret, pending until enabledAt is set. */
export interface StoredTotp {
  userId: string;
  secretCiphertext: string;
  enabledAt: Date | null;
  lastUsedStep: number | null;
}

export interface StoredChallenge {
  id: string;
  userId: string;
  expiresAt: Date;
  failedAttempts: number;
  consumedAt: Date | null;
}

const TOTP_COLUMNS = `user_id AS "userId", secret_ciphertext AS "secretCiphertext",
  enabled_at AS "enabledAt", last_used_step::float8 AS "lastUsedStep"`;

/** TOTP secrets, recovery codes and sign-in challenges (tables user_totp, user_recovery_codes, mfa_challenges). */
@Injectable()
export class TwoFactorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async findTotp(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<StoredTotp | null> {
    const [row] = await manager.query<StoredTotp[]>(
      `SELECT ${TOTP_COLUMNS} FROM user_totp WHERE user_id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [userId],
    );
    return row ?? null;
  }

  /** Starts (or starts over) an enrolment; an enabled row is left alone and false answered. */
  async savePendingTotp(userId: string, secretCiphertext: string): Promise<boolean> {
    // For INSERT … RETURNING the pg driver answers the rows (for UPDATE, [rows, affectedCount]).
    const rows = await this.dataSource.query<unknown[]>(
      `INSERT INTO user_totp (user_id, secret_ciphertext) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE
         SET secret_ciphertext = excluded.secret_ciphertext, last_used_step = NULL, updated_at = now()
         WHERE user_totp.enabled_at IS NULL
       RETURNING user_id`,
      [userId, secretCiphertext],
    );
    return rows.length === 1;
  }

  async enableTotp(userId: string, step: number, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE user_totp SET enabled_at = now(), last_used_step = $2, updated_at = now() WHERE user_id = $1`,
      [userId, step],
    );
  }

  /** Enables a seeded secret with no code used yet (the demo's). */
  async enableSeeded(userId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE user_totp SET enabled_at = now(), last_used_step = NULL, updated_at = now() WHERE user_id = $1`,
      [userId],
    );
  }

  async recordUsedStep(userId: string, step: number, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE user_totp SET last_used_step = $2, updated_at = now() WHERE user_id = $1`,
      [userId, step],
    );
  }

  /** Removes the secret and every recovery code. */
  async deleteAll(userId: string, manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM user_recovery_codes WHERE user_id = $1`, [userId]);
    await manager.query(`DELETE FROM user_totp WHERE user_id = $1`, [userId]);
  }

  /** Replaces every recovery code of the user (used or not) with new ones. */
  async replaceRecoveryCodes(
    userId: string,
    codeHashes: string[],
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(`DELETE FROM user_recovery_codes WHERE user_id = $1`, [userId]);
    await manager.query(
      `INSERT INTO user_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])`,
      [userId, codeHashes],
    );
  }

  /** Uses up a recovery code in one conditional update; false when it is unknown or used. */
  async consumeRecoveryCode(
    userId: string,
    codeHash: string,
    manager: EntityManager,
  ): Promise<boolean> {
    const [rows] = await manager.query<[unknown[], number]>(
      `UPDATE user_recovery_codes SET used_at = now()
        WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id`,
      [userId, codeHash],
    );
    return rows.length === 1;
  }

  async countUnusedRecoveryCodes(userId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM user_recovery_codes WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    );
    return row.count;
  }

  async createChallenge(userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO mfa_challenges (user_id, token_hash, expires_at) VALUES ($1, $2, $3)`,
      [userId, tokenHash, expiresAt],
    );
  }

  /** The challenge of a token, locked for the rest of the transaction (one attempt at a time). */
  async lockChallenge(tokenHash: string, manager: EntityManager): Promise<StoredChallenge | null> {
    const [row] = await manager.query<StoredChallenge[]>(
      `SELECT id, user_id AS "userId", expires_at AS "expiresAt", failed_attempts AS "failedAttempts",
              consumed_at AS "consumedAt"
         FROM mfa_challenges WHERE token_hash = $1 FOR UPDATE`,
      [tokenHash],
    );
    return row ?? null;
  }

  async recordFailedAttempt(challengeId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE mfa_challenges SET failed_attempts = failed_attempts + 1 WHERE id = $1`,
      [challengeId],
    );
  }

  async consumeChallenge(challengeId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE mfa_challenges SET consumed_at = now() WHERE id = $1`, [
      challengeId,
    ]);
  }

  /** Failed codes of the user over all their challenges created since `since`. */
  async recentFailedAttempts(
    userId: string,
    since: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const [row] = await manager.query<{ failures: number }[]>(
      `SELECT coalesce(sum(failed_attempts), 0)::int AS failures
         FROM mfa_challenges WHERE user_id = $1 AND created_at > $2`,
      [userId, since],
    );
    return row.failures;
  }
}
