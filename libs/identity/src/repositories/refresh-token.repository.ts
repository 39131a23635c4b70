import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RefreshToken } from '../entities/refresh-token.entity';

/**
 * SQL condition on a refresh_tokens row that keeps its family (the login session) alive: not
 * revoked and not expired, used or not. The one definition of a live session.
 */
export const LIVE_REFRESH_TOKEN = 'revoked_at IS NULL AND expires_at > now()';

export interface NewRefreshToken {
  userId: string;
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
}

@Injectable()
export class RefreshTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    token: NewRefreshToken,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.insert(RefreshToken, token);
  }

  /**
   * Uses up a live token in one conditional update: of two concurrent refreshes with the same
   * token, exactly one gets the row back.
   */
  async consume(
    tokenHash: string,
    manager: EntityManager,
  ): Promise<Pick<RefreshToken, 'userId' | 'familyId'> | null> {
    // For UPDATE … RETURNING the pg driver answers [rows, affectedCount].
    const [rows] = await manager.query<[Pick<RefreshToken, 'userId' | 'familyId'>[], number]>(
      `UPDATE refresh_tokens SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        RETURNING user_id AS "userId", family_id AS "familyId"`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  findByHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.dataSource.manager.findOne(RefreshToken, { where: { tokenHash } });
  }

  async revokeFamily(familyId: string): Promise<number> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: () => 'now()' })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
    return result.affected ?? 0;
  }

  /** Whether any token of the family is still usable: the session the access token belongs to lives. */
  async isFamilyLive(familyId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM refresh_tokens WHERE family_id = $1 AND ${LIVE_REFRESH_TOKEN} LIMIT 1`,
      [familyId],
    );
    return rows.length > 0;
  }

  /** Revokes every session of the user, or every one but `keepFamilyId` (the caller's own). */
  async revokeAllOfUser(
    userId: string,
    keepFamilyId: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const [, affected] = await manager.query<[unknown[], number]>(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR family_id <> $2::uuid)`,
      [userId, keepFamilyId],
    );
    return affected;
  }

  /** Revokes one live session of the user; 0 when it is not theirs or no longer live. */
  async revokeFamilyOfUser(userId: string, familyId: string): Promise<number> {
    const [, affected] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE user_id = $1 AND family_id = $2 AND ${LIVE_REFRESH_TOKEN}`,
      [userId, familyId],
    );
    return affected;
  }
}
