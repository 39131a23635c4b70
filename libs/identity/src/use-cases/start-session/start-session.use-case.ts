import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SessionTokens } from '../../auth/session-tokens';
import { LoginSessionRepository, SessionClient } from '../../repositories/login-session.repository';
import { SessionTokenIssuer } from '../../services/session-token-issuer';

/** Issues an access token and a refresh token; a new login starts a new token family. */
@Injectable()
export class StartSessionUseCase {
  constructor(
    private readonly loginSessions: LoginSessionRepository,
    private readonly tokens: SessionTokenIssuer,
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
    return this.tokens.issue(userId, familyId, manager);
  }
}
