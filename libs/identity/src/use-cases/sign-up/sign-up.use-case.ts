import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Environment, isUniqueViolation, OutboxService } from '@mutualis/core';
import { PasswordHasher } from '../../auth/password-hasher';
import { assertAcceptablePassword } from '../../auth/password-policy';
import type { Locale } from '../../identity.types';
import { UserRepository } from '../../repositories/user.repository';
import { AccountLinkIssuer } from '../../services/account-link-issuer';
import { IdentityEvents } from '../../identity.events';

export interface SignUpCommand {
  email: string;
  name: string;
  password: string;
  locale?: Locale;
}

/**
 * Self-service sign-up that does not tell whether an address has an account: a new address
 * gets an unverified account and a verification link; a taken one gets an e-mail saying
 * someone tried (sign in, or reset the password) and the caller gets the same answer. The
 * password is hashed in both cases, so both take about as long.
 */
@Injectable()
export class SignUpUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly links: AccountLinkIssuer,
    private readonly outbox: OutboxService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async execute(command: SignUpCommand): Promise<void> {
    const email = command.email.trim();
    // The policy depends on the input only, so refusing a weak password reveals nothing.
    assertAcceptablePassword(command.password, email);
    const passwordHash = await this.hasher.hash(command.password);
    const existing = await this.users.findByEmail(email);
    if (existing) return this.tellOwner(existing.id);
    try {
      await this.dataSource.transaction(async (manager) => {
        const user = await this.users.create(
          { email, name: command.name.trim(), passwordHash, locale: command.locale },
          manager,
        );
        const ttlHours = this.config.get('EMAIL_VERIFICATION_TTL_HOURS', { infer: true });
        await this.links.issue(manager, {
          userId: user.id,
          purpose: 'email_verification',
          email: user.email,
          ttlMs: ttlHours * 3_600_000,
        });
      });
    } catch (error) {
      // Two sign-ups racing for one address: the unique index decides, the loser is told.
      if (!isUniqueViolation(error, 'users_email_key')) throw error;
      const winner = await this.users.findByEmail(email);
      if (winner) await this.tellOwner(winner.id);
    }
  }

  private async tellOwner(userId: string): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.outbox.record(manager, {
        type: IdentityEvents.RegistrationAttempted,
        aggregateType: 'user',
        aggregateId: userId,
      }),
    );
  }
}
