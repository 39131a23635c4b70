import { Injectable } from '@nestjs/common';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { TwoFactorRepository } from '../../repositories/two-factor.repository';
import { hashRecoveryCode, newRecoveryCodes } from '../../two-factor/recovery-codes';
import { TwoFactorVerifier } from '../../two-factor/two-factor-verifier';
import type { TwoFactorProof } from '../disable-two-factor/disable-two-factor.use-case';

/** New recovery codes (the old ones, used or not, stop working), with a code or the password. */
@Injectable()
export class RegenerateRecoveryCodesUseCase {
  constructor(
    private readonly repository: TwoFactorRepository,
    private readonly verifier: TwoFactorVerifier,
  ) {}

  execute(userId: string, proof: TwoFactorProof): Promise<{ recoveryCodes: string[] }> {
    return this.repository.transaction(async (manager) => {
      const totp = await this.repository.findTotp(userId, manager, true);
      if (!totp?.enabledAt) {
        throw new IdentityException(
          IdentityErrorCode.MfaNotEnabled,
          'two-factor authentication is not on',
        );
      }
      await this.verifier.assertProof(userId, proof, manager);
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
