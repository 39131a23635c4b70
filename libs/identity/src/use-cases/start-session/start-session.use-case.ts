import { randomUUID } from 'node:crypto';
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
} from '../../auth/session-tokens';
import { LoginSessionRepository, SessionClient } from '../../repositories/login-session.repository';
import { RefreshTokenRepository } from '../../repositories/refresh-token.repository';

/** Issues an access token and a refresh token; a new login starts a new token family. */
@Injectable()
export class StartSessionUseCase {
  constructor(
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly loginSessions: LoginSessionRepository,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<Environment, true>,
    private readonly clock: Clock,
  ) {}

  /**
   * `client` is what the request says of where the login comes from, for "my sessions";
   * `manager` when the session starts inside a larger transaction (a second sign-in step).
   */
  async execute(
    userId: string,
    client: SessionClient = {},
    manager?: EntityManager,
  ): Promise<SessionTokens> {
    const familyId = randomUUID();
    await this.loginSessions.record(userId, familyId, client, manager);
    return this.issue(userId, familyId, manager);
  }

  /** The next tokens of an existing family (after a refresh), inside the refresh's transaction. */
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
