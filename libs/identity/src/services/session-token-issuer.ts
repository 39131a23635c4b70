import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { EntityManager } from 'typeorm';
import { Clock, Environment } from '@mutualis/core';
import {
  AccessTokenClaims,
  hashToken,
  newOpaqueToken,
  SessionTokens,
} from '../auth/session-tokens';
import { RefreshTokenRepository } from '../repositories/refresh-token.repository';

/**
 * The next access token and refresh token of a token family: a new login's first, or a
 * refresh's (inside its transaction).
 */
@Injectable()
export class SessionTokenIssuer {
  constructor(
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<Environment, true>,
    private readonly clock: Clock,
  ) {}

  async issue(userId: string, familyId: string, manager?: EntityManager): Promise<SessionTokens> {
    const refreshToken = newOpaqueToken();
    const refreshTtl = this.config.get('REFRESH_TOKEN_TTL_SECONDS', { infer: true });
    await this.refreshTokens.create(
      {
        userId,
        familyId,
        tokenHash: hashToken(refreshToken),
        expiresAt: new Date(this.clock.now().getTime() + refreshTtl * 1000),
      },
      manager,
    );
    const expiresIn = this.config.get('JWT_ACCESS_TTL_SECONDS', { infer: true });
    const claims: AccessTokenClaims = { sub: userId, sid: familyId };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn });
    return { accessToken, refreshToken, expiresIn, tokenType: 'Bearer' };
  }
}
