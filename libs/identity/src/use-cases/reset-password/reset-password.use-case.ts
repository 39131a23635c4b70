import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PasswordHasher } from '../../auth/password-hasher';
import { assertAcceptablePassword } from '../../auth/password-policy';
import { hashToken } from '../../auth/session-tokens';
import { AccountTokenRepository } from '../../repositories/account-token.repository';
import { RefreshTokenRepository } from '../../repositories/refresh-token.repository';
import { UserRepository } from '../../repositories/user.repository';
import { invalidLink } from '../verify-email/verify-email.use-case';

export interface ResetPasswordCommand {
  token: string;
  password: string;
}

/**
 * Sets a new password from a reset link. Every session of the account is revoked: whoever
 * may have held the old password is signed out everywhere. The link works once; a password
 * the policy refuses does not use it up. Following the link also proves the address.
 */
@Injectable()
export class ResetPasswordUseCase {
  private readonly logger = new Logger(ResetPasswordUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: AccountTokenRepository,
    private readonly users: UserRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(command: ResetPasswordCommand): Promise<void> {
    const tokenHash = hashToken(command.token);
    const pending = await this.tokens.findLiveByHash(tokenHash, ['password_reset']);
    if (!pending) throw invalidLink();
    assertAcceptablePassword(command.password, pending.email);
    const passwordHash = await this.hasher.hash(command.password);
    const revoked = await this.dataSource.transaction(async (manager) => {
      // Used up here, conditionally: of two concurrent resets with one link, one wins.
      const link = await this.tokens.consume(tokenHash, ['password_reset'], manager);
      if (!link) throw invalidLink();
      await this.users.setPasswordHash(link.userId, passwordHash, manager);
      await this.users.markEmailVerified(link.userId, link.email, manager);
      return this.refreshTokens.revokeAllOfUser(link.userId, null, manager);
    });
    this.logger.log({ userId: pending.userId, revoked }, 'password reset: every session revoked');
  }
}
