import { Injectable } from '@nestjs/common';
import { Clock } from '@mutualis/core';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { TwoFactorRepository } from '../../repositories/two-factor.repository';
import { hashRecoveryCode, newRecoveryCodes } from '../../two-factor/recovery-codes';
import { SecretCipher } from '../../two-factor/secret-cipher';
import { matchTotpStep } from '../../two-factor/totp';

/**
 * Turns two-factor authentication on with a first code from the app, which proves the secret
 * reached it; answers the recovery codes, the only time they are shown.
 */
@Injectable()
export class ConfirmTwoFactorEnrolmentUseCase {
  constructor(
    private readonly repository: TwoFactorRepository,
    private readonly cipher: SecretCipher,
    private readonly clock: Clock,
  ) {}

  execute(userId: string, code: string): Promise<{ recoveryCodes: string[] }> {
    return this.repository.transaction(async (manager) => {
      const totp = await this.repository.findTotp(userId, manager, true);
      if (totp?.enabledAt) {
        throw new IdentityException(
          IdentityErrorCode.MfaAlreadyEnabled,
          'two-factor authentication is already on',
        );
      }
      if (!totp) {
        throw new IdentityException(
          IdentityErrorCode.MfaEnrolmentNotStarted,
          'start an enrolment first (POST /api/me/two-factor/enrolment)',
        );
      }
      const secret = this.cipher.decrypt(totp.secretCiphertext, userId);
      const step = matchTotpStep(secret, code, this.clock.now(), null);
      if (step === null) {
        throw new IdentityException(
          IdentityErrorCode.MfaCodeRejected,
          'this code does not match; check the time on your phone and try the next code',
          [{ field: 'code', message: 'does not match' }],
        );
      }
      await this.repository.enableTotp(userId, step, manager);
      const recoveryCodes = newRecoveryCodes();
      await this.repository.replaceRecoveryCodes(
        userId,
        recoveryCodes.map(hashRecoveryCode),
        manager,
      );
      return { recoveryCodes };
    });
  }
}
