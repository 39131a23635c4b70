import { Injectable } from '@nestjs/common';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { TwoFactorRepository } from '../../repositories/two-factor.repository';
import { UserRepository } from '../../repositories/user.repository';
import { requiresTwoFactor } from '../../two-factor/two-factor-policy';

export interface TwoFactorStatus {
  enabled: boolean;
  /** An enrolment was started and awaits its first code. */
  pending: boolean;
  /** The user's roles (admin, finance) require it: their routes answer 403 until it is enabled. */
  required: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
}

/** Where the caller stands with two-factor authentication (GET /me/two-factor). */
@Injectable()
export class GetTwoFactorStatusUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly repository: TwoFactorRepository,
  ) {}

  async execute(userId: string): Promise<TwoFactorStatus> {
    const user = await this.users.findById(userId);
    if (!user) throw new IdentityException(IdentityErrorCode.UserNotFound, 'user not found');
    const totp = await this.repository.findTotp(userId);
    const enabled = Boolean(totp?.enabledAt);
    return {
      enabled,
      pending: totp !== null && !enabled,
      required: requiresTwoFactor(user.platformRoles),
      enabledAt: totp?.enabledAt ?? null,
      recoveryCodesLeft: enabled ? await this.repository.countUnusedRecoveryCodes(userId) : 0,
    };
  }
}
