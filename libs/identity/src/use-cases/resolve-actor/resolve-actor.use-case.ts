import { Injectable } from '@nestjs/common';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { Actor } from '../../identity.types';
import { RefreshTokenRepository } from '../../repositories/refresh-token.repository';
import { UserRepository } from '../../repositories/user.repository';

/**
 * Turns a verified access token into the acting user, with roles read fresh from the database,
 * refusing tokens of a disabled user or of a session that was logged out or revoked.
 */
@Injectable()
export class ResolveActorUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly refreshTokens: RefreshTokenRepository,
  ) {}

  async execute(userId: string, familyId: string): Promise<Actor & { sessionId: string }> {
    const [user, live] = await Promise.all([
      this.users.findById(userId),
      this.refreshTokens.isFamilyLive(familyId),
    ]);
    if (!user || user.disabledAt) {
      throw new IdentityException(
        IdentityErrorCode.AccountDisabled,
        'this account no longer exists or is disabled',
      );
    }
    if (!live)
      throw new IdentityException(
        IdentityErrorCode.SessionRevoked,
        'this session has ended; please log in again',
      );
    return { userId: user.id, roles: user.platformRoles, sessionId: familyId };
  }
}
