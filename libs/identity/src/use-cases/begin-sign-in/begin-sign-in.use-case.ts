import { Injectable } from '@nestjs/common';
import { Clock } from '@mutualis/core';
import { hashToken, newOpaqueToken, SessionTokens } from '../../auth/session-tokens';
import { SessionClient } from '../../repositories/login-session.repository';
import { TwoFactorRepository } from '../../repositories/two-factor.repository';
import { MFA_CHALLENGE_TTL_SECONDS } from '../../two-factor/two-factor-policy';
import { StartSessionUseCase } from '../start-session/start-session.use-case';

/** The second step a sign-in needs: send the token back with a code to POST /auth/login/mfa. */
export interface MfaChallenge {
  mfaRequired: true;
  mfaToken: string;
  /** Seconds the token stays valid. */
  expiresIn: number;
}

/**
 * After a correct password: the session's tokens, or for a user with two-factor authentication
 * on, a short-lived single-use challenge instead (stored hashed, like refresh tokens).
 */
@Injectable()
export class BeginSignInUseCase {
  constructor(
    private readonly repository: TwoFactorRepository,
    private readonly startSession: StartSessionUseCase,
    private readonly clock: Clock,
  ) {}

  async execute(userId: string, client: SessionClient = {}): Promise<SessionTokens | MfaChallenge> {
    const totp = await this.repository.findTotp(userId);
    if (!totp?.enabledAt) return this.startSession.execute(userId, client);
    const mfaToken = newOpaqueToken();
    await this.repository.createChallenge(
      userId,
      hashToken(mfaToken),
      new Date(this.clock.now().getTime() + MFA_CHALLENGE_TTL_SECONDS * 1000),
    );
    return { mfaRequired: true, mfaToken, expiresIn: MFA_CHALLENGE_TTL_SECONDS };
  }
}
