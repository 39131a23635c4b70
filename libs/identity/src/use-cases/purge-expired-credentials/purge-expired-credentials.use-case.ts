import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** How long dead credentials are kept after they stop working, for investigating a reuse alert. */
export const CREDENTIAL_RETENTION_DAYS = 30;

export interface PurgeResult {
  refreshTokens: number;
  invitations: number;
  mfaChallenges: number;
}

/**
 * Deletes refresh tokens and invitations that stopped working over a month ago, and two-factor
 * sign-in challenges a day after they expired. Safe to run twice.
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
    return {
      refreshTokens: tokens[1],
      invitations: invitations[1],
      mfaChallenges: challenges[1],
    };
  }
}
