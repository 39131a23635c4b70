import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, OutboxService } from '@mutualis/core';
import {
  AccountTokenPurpose,
  AccountTokenRepository,
} from '../repositories/account-token.repository';
import { IdentityEvents } from '../identity.events';

/** The event that gets each kind of link e-mailed (its aggregate is the link's id). */
export const ACCOUNT_LINK_EVENTS = {
  email_verification: IdentityEvents.EmailVerificationRequested,
  email_change: IdentityEvents.EmailChangeRequested,
  password_reset: IdentityEvents.PasswordResetRequested,
} as const satisfies Record<AccountTokenPurpose, string>;

export interface IssueAccountLink {
  userId: string;
  purpose: AccountTokenPurpose;
  email: string;
  ttlMs: number;
}

/**
 * Issues a single-use link in the caller's transaction and the event that mails it. Earlier
 * open links of the same purpose stop working, so only the latest e-mail's link does.
 */
@Injectable()
export class AccountLinkIssuer {
  constructor(
    private readonly tokens: AccountTokenRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async issue(manager: EntityManager, link: IssueAccountLink): Promise<string> {
    // A verification of the current address and a change of address cannot both be pending
    // meaningfully: the newest request wins.
    const retire: AccountTokenPurpose[] =
      link.purpose === 'password_reset'
        ? ['password_reset']
        : ['email_verification', 'email_change'];
    await this.tokens.retireOpen(link.userId, retire, manager);
    const token = await this.tokens.create(
      {
        userId: link.userId,
        purpose: link.purpose,
        email: link.email,
        expiresAt: new Date(this.clock.now().getTime() + link.ttlMs),
      },
      manager,
    );
    await this.outbox.record(manager, {
      type: ACCOUNT_LINK_EVENTS[link.purpose],
      aggregateType: 'account_token',
      aggregateId: token.id,
    });
    return token.id;
  }
}
