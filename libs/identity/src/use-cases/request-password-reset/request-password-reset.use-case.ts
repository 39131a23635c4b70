import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Environment } from '@mutualis/core';
import { UserRepository } from '../../repositories/user.repository';
import { AccountLinkIssuer } from '../../services/account-link-issuer';

/**
 * Mails a password reset link to the address if it has an active account, and says nothing
 * either way: the caller's answer never depends on whether the address is known.
 */
@Injectable()
export class RequestPasswordResetUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly links: AccountLinkIssuer,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async execute(email: string): Promise<void> {
    const user = await this.users.findByEmail(email.trim());
    // Both branches write nothing the caller can observe; the mail goes out from the worker,
    // so the answer's timing is a lookup plus, or not, one short transaction.
    if (!user || user.disabledAt) return;
    const ttlMinutes = this.config.get('PASSWORD_RESET_TTL_MINUTES', { infer: true });
    await this.dataSource.transaction((manager) =>
      this.links.issue(manager, {
        userId: user.id,
        purpose: 'password_reset',
        email: user.email,
        ttlMs: ttlMinutes * 60_000,
      }),
    );
  }
}
