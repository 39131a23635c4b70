import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@mutualis/core';
import { PasswordHasher } from '../auth/password-hasher';
import { IdentityErrorCode, IdentityException } from '../identity.exception';
import { TwoFactorRepository } from '../repositories/two-factor.repository';
import { UserRepository } from '../repositories/user.repository';
import { hashRecoveryCode } from './recovery-codes';
import { SecretCipher } from './secret-cipher';
import { matchTotpStep } from './totp';

/** A second-factor answer: a code from the app, or one of the recovery codes. */
export interface SecondFactor {
  code?: string;
  recoveryCode?: string;
}

/** Checks codes against a user's enabled TOTP secret and recovery codes, each usable once. */
@Injectable()
export class TwoFactorVerifier {
  constructor(
    private readonly repository: TwoFactorRepository,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly cipher: SecretCipher,
    private readonly clock: Clock,
  ) {}

  /**
   * True when the code or recovery code is right, recording it as used in `manager`'s
   * transaction (the TOTP row is locked, so two requests with one code cannot both pass).
   */
  async verify(userId: string, answer: SecondFactor, manager: EntityManager): Promise<boolean> {
    const totp = await this.repository.findTotp(userId, manager, true);
    if (!totp?.enabledAt) return false;
    if (answer.recoveryCode !== undefined) {
      return this.repository.consumeRecoveryCode(
        userId,
        hashRecoveryCode(answer.recoveryCode),
        manager,
      );
    }
    if (answer.code === undefined) return false;
    const secret = this.cipher.decrypt(totp.secretCiphertext, userId);
    const step = matchTotpStep(secret, answer.code, this.clock.now(), totp.lastUsedStep);
    if (step === null) return false;
    await this.repository.recordUsedStep(userId, step, manager);
    return true;
  }

  /**
   * For changes to the second factor itself (disable, new recovery codes): a current code, a
   * recovery code or the password, so a stolen access token alone cannot make them.
   */
  async assertProof(
    userId: string,
    proof: SecondFactor & { password?: string },
    manager: EntityManager,
  ): Promise<void> {
    const accepted =
      proof.password !== undefined
        ? await this.hasher.verify(await this.passwordHashOf(userId), proof.password)
        : await this.verify(userId, proof, manager);
    if (!accepted) {
      throw new IdentityException(
        IdentityErrorCode.MfaCodeRejected,
        'the code or password is incorrect',
        [{ field: proof.password !== undefined ? 'password' : 'code', message: 'is incorrect' }],
      );
    }
  }

  private async passwordHashOf(userId: string): Promise<string | null> {
    const user = await this.users.findById(userId);
    if (!user) return null;
    return (await this.users.findByEmailWithPasswordHash(user.email))?.passwordHash ?? null;
  }
}
