import { Injectable } from '@nestjs/common';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { Actor, PlatformRole } from '../../identity.types';
import { UserRepository } from '../../repositories/user.repository';
import { requiresTwoFactor, TWO_FACTOR_REQUIRED_ROLES } from '../../two-factor/two-factor-policy';

export interface ResolvedActor extends Actor {
  sessionId: string;
  /** Roles the user holds but may not use until they turn two-factor authentication on. */
  rolesAwaitingMfa?: PlatformRole[];
}

/**
 * Turns a verified access token into the acting user, with roles read fresh from the database,
 * refusing tokens of a disabled user or of a session that was logged out or revoked.
 */
@Injectable()
export class ResolveActorUseCase {
  constructor(private readonly users: UserRepository) {}

  /** A disabled (or deleted) account is refused as such even when its session has also ended. */
  async execute(userId: string, familyId: string): Promise<ResolvedActor> {
    const user = await this.users.findWithSession(userId, familyId);
    if (!user || user.disabledAt) {
      throw new IdentityException(
        IdentityErrorCode.AccountDisabled,
        'this account no longer exists or is disabled',
      );
    }
    if (!user.sessionLive)
      throw new IdentityException(
        IdentityErrorCode.SessionRevoked,
        'this session has ended; please log in again',
      );
    if (!user.mfaEnabled && requiresTwoFactor(user.platformRoles)) {
      // Until they enrol, admins and finance staff act as plain users: every rule that asks for
      // their role refuses, and routes restricted to it say why (mfa_enrolment_required).
      return {
        userId: user.id,
        roles: user.platformRoles.filter((role) => !TWO_FACTOR_REQUIRED_ROLES.includes(role)),
        sessionId: familyId,
        rolesAwaitingMfa: user.platformRoles.filter((role) =>
          TWO_FACTOR_REQUIRED_ROLES.includes(role),
        ),
      };
    }
    return { userId: user.id, roles: user.platformRoles, sessionId: familyId };
  }
}
