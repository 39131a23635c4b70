import { Injectable } from '@nestjs/common';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { LoginSessionRepository } from '../../repositories/login-session.repository';
import { RefreshTokenRepository } from '../../repositories/refresh-token.repository';

export interface LoginSessionView {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  userAgent: string | null;
  clientAddress: string | null;
  /** The session the request was made with. */
  current: boolean;
}

/** A user's own login sessions: see them, sign one out, or sign out all but this one. */
@Injectable()
export class ManageSessionsUseCase {
  constructor(
    private readonly sessions: LoginSessionRepository,
    private readonly refreshTokens: RefreshTokenRepository,
  ) {}

  async list(userId: string, currentSessionId: string): Promise<LoginSessionView[]> {
    const rows = await this.sessions.listLive(userId);
    return rows.map((row) => ({
      id: row.id,
      createdAt: new Date(row.createdAt).toISOString(),
      lastUsedAt: new Date(row.lastUsedAt).toISOString(),
      userAgent: row.userAgent,
      clientAddress: row.clientAddress,
      current: row.id === currentSessionId,
    }));
  }

  /** Another user's session, or one already ended, answers not found alike. */
  async revoke(userId: string, sessionId: string): Promise<void> {
    if ((await this.refreshTokens.revokeFamilyOfUser(userId, sessionId)) === 0) {
      throw new IdentityException(IdentityErrorCode.SessionNotFound, 'session not found');
    }
  }

  async revokeOthers(userId: string, currentSessionId: string): Promise<number> {
    return this.refreshTokens.revokeAllOfUser(userId, currentSessionId);
  }
}
