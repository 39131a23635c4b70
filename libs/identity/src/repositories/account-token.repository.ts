import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export const ACCOUNT_TOKEN_PURPOSES = [
  'email_verification',
  'email_change',
  'password_reset',
] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/** One single-use link of an account: to prove an address or to set a new password. */
export interface AccountTokenRow {
  id: string;
  userId: string;
  purpose: AccountTokenPurpose;
  /** Where the link goes: the account's address, or the new one for an e-mail change. */
  email: string;
  expiresAt: Date;
  consumedAt: Date | null;
  createdAt: Date;
}

export interface NewAccountToken {
  userId: string;
  purpose: AccountTokenPurpose;
  email: string;
  expiresAt: Date;
}

const COLUMNS = `id, user_id AS "userId", purpose, email, expires_at AS "expiresAt",
  consumed_at AS "consumedAt", created_at AS "createdAt"`;

/** A token row is usable while it is neither consumed nor expired. */
const LIVE = 'consumed_at IS NULL AND expires_at > now()';

@Injectable()
export class AccountTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new link, without its secret yet: the worker mints that when it sends the mail. */
  async create(
    token: NewAccountToken,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AccountTokenRow> {
    const [row] = await manager.query<AccountTokenRow[]>(
      `INSERT INTO account_tokens (user_id, purpose, email, expires_at)
       VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [token.userId, token.purpose, token.email, token.expiresAt],
    );
    return row;
  }

  /** Older open links of the same purpose stop working when a new one is issued. */
  async retireOpen(
    userId: string,
    purposes: AccountTokenPurpose[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `UPDATE account_tokens SET consumed_at = now()
        WHERE user_id = $1 AND purpose = ANY($2) AND ${LIVE}`,
      [userId, purposes],
    );
  }

  findById(id: string): Promise<AccountTokenRow | null> {
    return this.dataSource
      .query<AccountTokenRow[]>(`SELECT ${COLUMNS} FROM account_tokens WHERE id = $1`, [id])
      .then((rows) => rows[0] ?? null);
  }

  /** A live link by the hash of its secret, without using it up (to check input first). */
  findLiveByHash(
    tokenHash: string,
    purposes: AccountTokenPurpose[],
  ): Promise<AccountTokenRow | null> {
    return this.dataSource
      .query<AccountTokenRow[]>(
        `SELECT ${COLUMNS} FROM account_tokens WHERE token_hash = $1 AND purpose = ANY($2) AND ${LIVE}`,
        [tokenHash, purposes],
      )
      .then((rows) => rows[0] ?? null);
  }

  /**
   * Sets the secret of a live link (replacing one minted by an earlier attempt, which stops
   * working). Null when the link was used, retired or ran out meanwhile: nothing to send.
   */
  async setHash(id: string, tokenHash: string): Promise<AccountTokenRow | null> {
    const [rows] = await this.dataSource.query<[AccountTokenRow[], number]>(
      `UPDATE account_tokens SET token_hash = $2 WHERE id = $1 AND ${LIVE} RETURNING ${COLUMNS}`,
      [id, tokenHash],
    );
    return rows[0] ?? null;
  }

  /**
   * Uses up a live link in one conditional update: of two concurrent uses, exactly one gets
   * the row back.
   */
  async consume(
    tokenHash: string,
    purposes: AccountTokenPurpose[],
    manager: EntityManager,
  ): Promise<AccountTokenRow | null> {
    const [rows] = await manager.query<[AccountTokenRow[], number]>(
      `UPDATE account_tokens SET consumed_at = now()
        WHERE token_hash = $1 AND purpose = ANY($2) AND ${LIVE} RETURNING ${COLUMNS}`,
      [tokenHash, purposes],
    );
    return rows[0] ?? null;
  }

  /** When the user's latest link of this purpose was issued, for the resend cool-down. */
  async latestIssuedAt(userId: string, purpose: AccountTokenPurpose): Promise<Date | null> {
    const [row] = await this.dataSource.query<{ createdAt: Date }[]>(
      `SELECT created_at AS "createdAt" FROM account_tokens
        WHERE user_id = $1 AND purpose = $2 ORDER BY created_at DESC LIMIT 1`,
      [userId, purpose],
    );
    return row?.createdAt ?? null;
  }
}
