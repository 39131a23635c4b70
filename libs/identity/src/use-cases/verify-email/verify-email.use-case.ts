import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '@mutualis/core';
import { hashToken } from '../../auth/session-tokens';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { AccountTokenRepository } from '../../repositories/account-token.repository';
import { UserRepository } from '../../repositories/user.repository';

/**
 * Follows a verification link: the account's address becomes verified, or, for a change of
 * address, the new address replaces the old one (verified by this very link). Each link works
 * once.
 */
@Injectable()
export class VerifyEmailUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: AccountTokenRepository,
    private readonly users: UserRepository,
  ) {}

  async execute(token: string): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        const link = await this.tokens.consume(
          hashToken(token),
          ['email_verification', 'email_change'],
          manager,
        );
        if (!link) throw invalidLink();
        if (link.purpose === 'email_change') {
          await this.users.changeEmail(link.userId, link.email, manager);
        } else if (!(await this.users.markEmailVerified(link.userId, link.email, manager))) {
          // The address changed since the link was sent: it proves nothing about the new one.
          throw invalidLink();
        }
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) {
        throw new IdentityException(
          IdentityErrorCode.EmailTaken,
          'another account uses this e-mail address now; the change cannot be made',
        );
      }
      throw error;
    }
  }
}

export function invalidLink(): IdentityException {
  return new IdentityException(
    IdentityErrorCode.InvalidAccountLink,
    'this link is invalid, was already used or has expired; ask for a new one',
    [{ field: 'token', message: 'is invalid, used or expired' }],
  );
}
