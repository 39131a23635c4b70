import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Where a login came from, as far as the request tells (both may be unknown). */
export interface SessionClient {
  userAgent?: string | null;
  clientAddress?: string | null;
}

export interface LoginSessionRow {
  id: string;
  createdAt: Date;
  lastUsedAt: Date;
  userAgent: string | null;
  clientAddress: string | null;
}

@Injectable()
export class LoginSessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(
    userId: string,
    familyId: string,
    client: SessionClient,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO login_sessions (family_id, user_id, user_agent, client_address)
       VALUES ($1, $2, $3, $4) ON CONFLICT (family_id) DO NOTHING`,
      [
        familyId,
        userId,
        client.userAgent?.slice(0, 512) || null,
        client.clientAddress?.slice(0, 64) || null,
      ],
    );
  }

  /** A refresh is the session being used: it moves "last used". */
  async touch(familyId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE login_sessions SET last_used_at = now() WHERE family_id = $1`, [
      familyId,
    ]);
  }

  /**
   * The user's live sessions (LIVE_REFRESH_TOKEN on any of their tokens), most recently used first. A session started before sessions were
   * recorded has no row: its dates come from its refresh tokens and its client is unknown.
   */
  listLive(userId: string): Promise<LoginSessionRow[]> {
    return this.dataSource.query<LoginSessionRow[]>(
      `SELECT t.family_id AS id,
              COALESCE(s.created_at, min(t.created_at)) AS "createdAt",
              COALESCE(s.last_used_at, max(t.created_at)) AS "lastUsedAt",
              s.user_agent AS "userAgent", s.client_address AS "clientAddress"
         FROM refresh_tokens t
         LEFT JOIN login_sessions s ON s.family_id = t.family_id
        WHERE t.user_id = $1
        GROUP BY t.family_id, s.family_id
       HAVING bool_or(t.revoked_at IS NULL AND t.expires_at > now())
        ORDER BY "lastUsedAt" DESC, id`,
      [userId],
    );
  }
}
