import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hashToken, SessionTokens } from '../../auth/session-tokens';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { LoginSessionRepository } from '../../repositories/login-session.repository';
import { RefreshTokenRepository } from '../../repositories/refresh-token.repository';
import { UserRepository } from '../../repositories/user.repository';
import { SessionTokenIssuer } from '../../services/session-token-issuer';

/**
 * Trades a refresh token for new tokens. Each refresh token works once: presenting one that
 * was already used means someone else holds a copy, so the whole family is revoked.
 */
@Injectable()
export class RefreshSessionUseCase {
  private readonly logger = new Logger(RefreshSessionUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly users: UserRepository,
    private readonly loginSessions: LoginSessionRepository,
    private readonly tokens: SessionTokenIssuer,
  ) {}

  async execute(refreshToken: string): Promise<SessionTokens> {
    const tokenHash = hashToken(refreshToken);
    const tokens = await this.dataSource.transaction(async (manager) => {
      const consumed = await this.refreshTokens.consume(tokenHash, manager);
      if (!consumed) return null;
      const user = await this.users.findById(consumed.userId, manager);
      if (!user || user.disabledAt) return null;
      await this.loginSessions.touch(consumed.familyId, manager);
      return this.tokens.issue(consumed.userId, consumed.familyId, manager);
    });
    if (tokens) return tokens;

    const known = await this.refreshTokens.findByHash(tokenHash);
    if (known?.usedAt && !known.revokedAt) {
      const revoked = await this.refreshTokens.revokeFamily(known.familyId);
      this.logger.warn(
        { userId: known.userId, familyId: known.familyId, revoked },
        'refresh token reused: token family revoked',
      );
      throw new IdentityException(
        IdentityErrorCode.RefreshTokenReused,
        'this refresh token was already used; the session has been revoked, please log in again',
      );
    }
    throw new IdentityException(
      IdentityErrorCode.InvalidRefreshToken,
      'refresh token is invalid, expired or revoked',
    );
  }
}
