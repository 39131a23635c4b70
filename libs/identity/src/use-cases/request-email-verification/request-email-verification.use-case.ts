import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, Environment } from '@mutualis/core';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { AccountTokenRepository } from '../../repositories/account-token.repository';
import { UserRepository } from '../../repositories/user.repository';
import { AccountLinkIssuer } from '../../services/account-link-issuer';

/** Sends a new verification link to the caller's address; at most one per cool-down. */
@Injectable()
export class RequestEmailVerificationUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly tokens: AccountTokenRepository,
    private readonly links: AccountLinkIssuer,
    private readonly config: ConfigService<Environment, true>,
    private readonly clock: Clock,
  ) {}

  async execute(userId: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) throw new IdentityException(IdentityErrorCode.UserNotFound, 'user not found');
    if (user.emailVerifiedAt) {
      throw new IdentityException(
        IdentityErrorCode.EmailAlreadyVerified,
        'your e-mail address is already verified',
      );
    }
    const cooldownMs =
      this.config.get('VERIFICATION_EMAIL_COOLDOWN_SECONDS', { infer: true }) * 1000;
    const last = await this.tokens.latestIssuedAt(userId, 'email_verification');
    const wait = last ? last.getTime() + cooldownMs - this.clock.now().getTime() : 0;
    if (wait > 0) {
      throw new IdentityException(
        IdentityErrorCode.VerificationEmailTooSoon,
        `a verification e-mail was sent moments ago; ask again in ${Math.ceil(wait / 1000)} s`,
      );
    }
    const ttlHours = this.config.get('EMAIL_VERIFICATION_TTL_HOURS', { infer: true });
    await this.dataSource.transaction((manager) =>
      this.links.issue(manager, {
        userId,
        purpose: 'email_verification',
        email: user.email,
        ttlMs: ttlHours * 3_600_000,
      }),
    );
  }
}
