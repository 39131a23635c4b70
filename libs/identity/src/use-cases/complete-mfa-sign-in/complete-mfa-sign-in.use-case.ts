import { Injectable } from '@nestjs/common';
import { Clock } from '@mutualis/core';
import { hashToken, SessionTokens } from '../../auth/session-tokens';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { SessionClient } from '../../repositories/login-session.repository';
import { TwoFactorRepository } from '../../repositories/two-factor.repository';
import { UserRepository } from '../../repositories/user.repository';
import {
  MFA_ATTEMPTS_PER_CHALLENGE,
  MFA_ATTEMPTS_PER_USER,
  MFA_ATTEMPTS_WINDOW_SECONDS,
} from '../../two-factor/two-factor-policy';
import { SecondFactor, TwoFactorVerifier } from '../../two-factor/two-factor-verifier';
import { StartSessionUseCase } from '../start-session/start-session.use-case';

type Outcome =
  | { kind: 'signed-in'; tokens: SessionTokens }
  | { kind: 'wrong-code'; attemptsLeft: number }
  | { kind: 'refused'; error: IdentityException };

/**
 * The second step of a sign-in: the challenge's token with a code from the app or a recovery
 * code answers the session's tokens. Wrong codes are counted per challenge (5, then it is spent)
 * and per user over a quarter hour (10), and every count is committed before answering.
 */
@Injectable()
export class CompleteMfaSignInUseCase {
  constructor(
    private readonly repository: TwoFactorRepository,
    private readonly users: UserRepository,
    private readonly verifier: TwoFactorVerifier,
    private readonly startSession: StartSessionUseCase,
    private readonly clock: Clock,
  ) {}

  async execute(
    mfaToken: string,
    answer: SecondFactor,
    client: SessionClient = {},
  ): Promise<SessionTokens> {
    const outcome = await this.repository.transaction(async (manager): Promise<Outcome> => {
      const challenge = await this.repository.lockChallenge(hashToken(mfaToken), manager);
      const now = this.clock.now();
      if (
        !challenge ||
        challenge.consumedAt ||
        challenge.expiresAt <= now ||
        challenge.failedAttempts >= MFA_ATTEMPTS_PER_CHALLENGE
      ) {
        return {
          kind: 'refused',
          error: new IdentityException(
            IdentityErrorCode.InvalidMfaToken,
            'this sign-in has expired or was already used; sign in again with your password',
          ),
        };
      }
      // The user's TOTP row is locked before counting: concurrent attempts on several
      // challenges of one user queue here, so none slips past the per-user budget.
      await this.repository.findTotp(challenge.userId, manager, true);
      const since = new Date(now.getTime() - MFA_ATTEMPTS_WINDOW_SECONDS * 1000);
      if (
        (await this.repository.recentFailedAttempts(challenge.userId, since, manager)) >=
        MFA_ATTEMPTS_PER_USER
      ) {
        return {
          kind: 'refused',
          error: new IdentityException(
            IdentityErrorCode.TooManyMfaAttempts,
            `too many wrong codes for this account; try again in ${MFA_ATTEMPTS_WINDOW_SECONDS / 60} minutes`,
          ),
        };
      }
      if (!(await this.verifier.verify(challenge.userId, answer, manager))) {
        await this.repository.recordFailedAttempt(challenge.id, manager);
        return {
          kind: 'wrong-code',
          attemptsLeft: MFA_ATTEMPTS_PER_CHALLENGE - challenge.failedAttempts - 1,
        };
      }
      const user = await this.users.findById(challenge.userId, manager);
      if (!user || user.disabledAt) {
        return {
          kind: 'refused',
          error: new IdentityException(
            IdentityErrorCode.AccountDisabled,
            'this account has been disabled',
          ),
        };
      }
      await this.repository.consumeChallenge(challenge.id, manager);
      return {
        kind: 'signed-in',
        tokens: await this.startSession.execute(challenge.userId, client, manager),
      };
    });
    if (outcome.kind === 'signed-in') return outcome.tokens;
    if (outcome.kind === 'refused') throw outcome.error;
    const field = answer.recoveryCode !== undefined ? 'recoveryCode' : 'code';
    throw new IdentityException(
      IdentityErrorCode.InvalidMfaCode,
      outcome.attemptsLeft > 0
        ? `this code is not right (${outcome.attemptsLeft} more tries with this sign-in)`
        : 'this code is not right, and this sign-in is spent; sign in again with your password',
      [{ field, message: 'is not right' }],
    );
  }
}
