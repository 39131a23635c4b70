import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** How long dead credentials are kept after they stop working, for investigating a reuse alert. */
export const CREDENTIAL_RETENTION_DAYS = 30;

export interface PurgeResult {
  refreshTokens: number;
  invitations: number;
  accountTokens: number;
  loginSessions: number;
}

/**
 * Deletes refresh tokens, invitations, account links and login sessions that stopped working
 * over a month ago. Safe to run twice.
 */
@Injectable()
export class PurgeExpiredCredentialsUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(): Promise<PurgeResult> {
    const cutoff = `now() - interval '${CREDENTIAL_RETENTION_DAYS} days'`;
    const [tokens, invitations] = await Promise.all([
      this.dataSource.query<[unknown[], number]>(
        `DELETE FROM refresh_tokens WHERE expires_at < ${cutoff} OR revoked_at < ${cutoff}`,
      ),
      this.dataSource.query<[unknown[], number]>(
        `DELETE FROM invitations WHERE accepted_at IS NULL AND (expires_at < ${cutoff} OR revoked_at < ${cutoff})`,
      ),
    ]);
    // After the refresh tokens: a session's row goes once none of its tokens is left.
    const [accountTokens, loginSessions] = await Promise.all([
      this.dataSource.query<[unknown[], number]>(
        `DELETE FROM account_tokens WHERE expires_at < ${cutoff} OR consumed_at < ${cutoff}`,
      ),
      this.dataSource.query<[unknown[], number]>(
        `DELETE FROM login_sessions s WHERE last_used_at < ${cutoff}
            AND NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = s.family_id)`,
      ),
    ]);
    return {
      refreshTokens: tokens[1],
      invitations: invitations[1],
      accountTokens: accountTokens[1],
      loginSessions: loginSessions[1],
    };
  }
}
