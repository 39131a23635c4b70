import { Injectable } from '@nestjs/common';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { RefreshTokenRepository } from '../../repositories/refresh-token.repository';

/** A user signs one of their sessions out; another user's session, or one already ended, is not found alike. */
@Injectable()
export class RevokeLoginSessionUseCase {
  constructor(private readonly refreshTokens: RefreshTokenRepository) {}

  async execute(userId: string, sessionId: string): Promise<void> {
    if ((await this.refreshTokens.revokeFamilyOfUser(userId, sessionId)) === 0) {
      throw new IdentityException(IdentityErrorCode.SessionNotFound, 'session not found');
    }
  }
}
