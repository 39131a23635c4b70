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
  mfaChallenges: number;
}

/**
 * Deletes refresh tokens, invitations, account links and login sessions that stopped working
 * over a month ago, and two-factor sign-in challenges a day after they expired. Safe to run
 * twice.
 */
@Injectable()
export class PurgeExpiredCredentialsUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(): Promise<PurgeResult> {
    const cutoff = `now() - interval '${CREDENTIAL_RETENTION_DAYS} days'`;
    const [tokens, invitations, challenges] = await Promise.all([
      this.dataSource.query<[unknown[], number]>(
        `DELETE FROM refresh_tokens WHERE expires_at < ${cutoff} OR revoked_at < ${cutoff}`,
      ),
      this.dataSource.query<[unknown[], number]>(
        `DELETE FROM invitations WHERE accepted_at IS NULL AND (expires_at < ${cutoff} OR revoked_at < ${cutoff})`,
      ),
      // Sign-in challenges live 5 minutes; the per-user budget of wrong codes looks back 15.
      this.dataSource.query<[unknown[], number]>(
        `DELETE FROM mfa_challenges WHERE expires_at < now() - interval '1 day'`,
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
      mfaChallenges: challenges[1],
    };
  }
}
