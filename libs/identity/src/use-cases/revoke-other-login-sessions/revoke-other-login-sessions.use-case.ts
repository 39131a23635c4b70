import { Injectable } from '@nestjs/common';
import { RefreshTokenRepository } from '../../repositories/refresh-token.repository';

/** A user signs out every session but the one they ask from; answers how many ended. */
@Injectable()
export class RevokeOtherLoginSessionsUseCase {
  constructor(private readonly refreshTokens: RefreshTokenRepository) {}

  execute(userId: string, currentSessionId: string): Promise<number> {
    return this.refreshTokens.revokeAllOfUser(userId, currentSessionId);
  }
}
