import { Injectable } from '@nestjs/common';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { TwoFactorRepository } from '../../repositories/two-factor.repository';
import { UserRepository } from '../../repositories/user.repository';
import { requiresTwoFactor } from '../../two-factor/two-factor-policy';
import { SecondFactor, TwoFactorVerifier } from '../../two-factor/two-factor-verifier';

export type TwoFactorProof = SecondFactor & { password?: string };

/**
 * Turns two-factor authentication off (or abandons a pending enrolment), with a code or the
 * password. Admins and finance staff keep it: their roles require it.
 */
@Injectable()
export class DisableTwoFactorUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly repository: TwoFactorRepository,
    private readonly verifier: TwoFactorVerifier,
  ) {}

  async execute(userId: string, proof: TwoFactorProof): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) throw new IdentityException(IdentityErrorCode.UserNotFound, 'user not found');
    if (requiresTwoFactor(user.platformRoles)) {
      throw new IdentityException(
        IdentityErrorCode.MfaRequiredForRole,
        'Chambre admins and finance staff must keep two-factor authentication on',
      );
    }
    await this.repository.transaction(async (manager) => {
      const totp = await this.repository.findTotp(userId, manager, true);
      if (!totp) {
        throw new IdentityException(
          IdentityErrorCode.MfaNotEnabled,
          'two-factor authentication is not on',
        );
      }
      // A pending enrolment has no usable code yet: the password abandons it.
      await this.verifier.assertProof(userId, proof, manager);
      await this.repository.deleteAll(userId, manager);
    });
  }
}
