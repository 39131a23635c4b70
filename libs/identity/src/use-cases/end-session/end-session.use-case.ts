import { Injectable } from '@nestjs/common';
import { hashToken } from '../../auth/session-tokens';
import { RefreshTokenRepository } from '../../repositories/refresh-token.repository';

export interface EndSessionCommand {
  /** The session of the access token used to call logout. */
  familyId: string;
  /** Optionally a refresh token; it must belong to the caller's own session to count. */
  refreshToken?: string;
  userId: string;
}

/** Logs out: revokes the session's refresh token family, which also invalidates its access tokens. */
@Injectable()
export class EndSessionUseCase {
  constructor(private readonly refreshTokens: RefreshTokenRepository) {}

  async execute(command: EndSessionCommand): Promise<void> {
    await this.refreshTokens.revokeFamily(command.familyId);
    if (command.refreshToken) {
      const token = await this.refreshTokens.findByHash(hashToken(command.refreshToken));
      if (token && token.userId === command.userId)
        await this.refreshTokens.revokeFamily(token.familyId);
    }
  }
}
