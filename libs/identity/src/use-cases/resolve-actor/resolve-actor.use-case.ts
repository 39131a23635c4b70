import { Injectable } from '@nestjs/common';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { Actor } from '../../identity.types';
import { UserRepository } from '../../repositories/user.repository';

/**
 * Turns a verified access token into the acting user, with roles read fresh from the database,
 * refusing tokens of a disabled user or of a session that was logged out or revoked.
 */
@Injectable()
export class ResolveActorUseCase {
  constructor(private readonly users: UserRepository) {}

  /** A disabled (or deleted) account is refused as such even when its session has also ended. */
  async execute(userId: string, familyId: string): Promise<Actor & { sessionId: string }> {
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
    return { userId: user.id, roles: user.platformRoles, sessionId: familyId };
  }
}
