import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Environment } from '@mutualis/core';
import { PasswordHasher } from '../../auth/password-hasher';
import { normaliseEmail } from '../../auth/email-address';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { UserRepository } from '../../repositories/user.repository';
import { AccountLinkIssuer } from '../../services/account-link-issuer';
import { assertCurrentPassword } from '../change-password/change-password.use-case';

export interface RequestEmailChangeCommand {
  userId: string;
  newEmail: string;
  currentPassword: string;
}

/**
 * Asks to move the account to a new address. Nothing changes until the link sent to the new
 * address is followed; the current address is told at once, so its owner learns of a change
 * they did not ask for. Whether the new address already has an account is not said: the
 * answer is the same, and that link would then fail.
 */
@Injectable()
export class RequestEmailChangeUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly links: AccountLinkIssuer,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async execute(command: RequestEmailChangeCommand): Promise<void> {
    const user = await this.users.findByIdWithPasswordHash(command.userId);
    if (!user) throw new IdentityException(IdentityErrorCode.UserNotFound, 'user not found');
    await assertCurrentPassword(this.hasher, user.passwordHash, command.currentPassword);
    const newEmail = normaliseEmail(command.newEmail);
    if (newEmail === normaliseEmail(user.email)) {
      throw new IdentityException(
        IdentityErrorCode.SameEmail,
        'this is already the address of your account',
        [{ field: 'newEmail', message: 'is your current address' }],
      );
    }
    if (await this.users.findByEmail(newEmail)) return;
    const ttlHours = this.config.get('EMAIL_VERIFICATION_TTL_HOURS', { infer: true });
    await this.dataSource.transaction((manager) =>
      this.links.issue(manager, {
        userId: user.id,
        purpose: 'email_change',
        email: newEmail,
        ttlMs: ttlHours * 3_600_000,
      }),
    );
  }
}
