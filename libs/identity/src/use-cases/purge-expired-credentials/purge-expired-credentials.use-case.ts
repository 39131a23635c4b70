import { Injectable } from '@nestjs/common';
import { ExpiredCredentialRepository } from '../../repositories/expired-credential.repository';

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
  constructor(private readonly expired: ExpiredCredentialRepository) {}

  async execute(): Promise<PurgeResult> {
    const days = CREDENTIAL_RETENTION_DAYS;
    const [refreshTokens, invitations, mfaChallenges] = await Promise.all([
      this.expired.deleteRefreshTokens(days),
      this.expired.deleteOpenInvitations(days),
      this.expired.deleteMfaChallenges(),
    ]);
    // After the refresh tokens: a session's row goes once none of its tokens is left.
    const [accountTokens, loginSessions] = await Promise.all([
      this.expired.deleteAccountTokens(days),
      this.expired.deleteLoginSessions(days),
    ]);
    return { refreshTokens, invitations, accountTokens, loginSessions, mfaChallenges };
  }
}
