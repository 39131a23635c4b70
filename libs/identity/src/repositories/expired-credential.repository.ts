import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Set-based deletes of credentials that stopped working: refresh tokens, invitations, account
 * links, login sessions and two-factor sign-in challenges. Each answers how many rows went.
 */
@Injectable()
export class ExpiredCredentialRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  deleteRefreshTokens(retentionDays: number): Promise<number> {
    return this.deleted(
      `DELETE FROM refresh_tokens WHERE expires_at < ${cutoff(retentionDays)} OR revoked_at < ${cutoff(retentionDays)}`,
    );
  }

  /** Accepted invitations stay: they record how someone joined. */
  deleteOpenInvitations(retentionDays: number): Promise<number> {
    return this.deleted(
      `DELETE FROM invitations WHERE accepted_at IS NULL
          AND (expires_at < ${cutoff(retentionDays)} OR revoked_at < ${cutoff(retentionDays)})`,
    );
  }

  deleteAccountTokens(retentionDays: number): Promise<number> {
    return this.deleted(
      `DELETE FROM account_tokens WHERE expires_at < ${cutoff(retentionDays)} OR consumed_at < ${cutoff(retentionDays)}`,
    );
  }

  /** Only sessions none of whose refresh tokens is left: run after deleteRefreshTokens. */
  deleteLoginSessions(retentionDays: number): Promise<number> {
    return this.deleted(
      `DELETE FROM login_sessions s WHERE last_used_at < ${cutoff(retentionDays)}
          AND NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = s.family_id)`,
    );
  }

  // Sign-in challenges live 5 minutes; the per-user budget of wrong codes looks back 15.
  deleteMfaChallenges(): Promise<number> {
    return this.deleted(`DELETE FROM mfa_challenges WHERE expires_at < now() - interval '1 day'`);
  }

  private async deleted(sql: string): Promise<number> {
    const [, count] = await this.dataSource.query<[unknown[], number]>(sql);
    return count;
  }
}

/** The days are a whole number from our own code, never input: safe to write into the SQL. */
function cutoff(retentionDays: number): string {
  if (!Number.isSafeInteger(retentionDays) || retentionDays < 0) {
    throw new RangeError(`retention must be a whole number of days, got ${retentionDays}`);
  }
  return `now() - interval '${retentionDays} days'`;
}
