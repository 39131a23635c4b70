import { Injectable } from '@nestjs/common';
import { hashToken, newOpaqueToken } from '../auth/session-tokens';
import {
  AccountTokenPurpose,
  AccountTokenRepository,
} from '../repositories/account-token.repository';

export interface AccountLinkNotice {
  tokenId: string;
  userId: string;
  purpose: AccountTokenPurpose;
  /** Where the link goes. */
  email: string;
  expiresAt: Date;
}

export interface MintedAccountLink {
  /** The secret for the link; only its SHA-256 is stored. */
  token: string;
  purpose: AccountTokenPurpose;
  expiresAt: Date;
}

/**
 * The single-use links of accounts (verification, change of address, password reset), for the
 * mailer. The secret of a link is made here at send time, so it exists only in the e-mail:
 * events, the delivery log and jobs carry the link's id.
 */
@Injectable()
export class AccountLinksService {
  constructor(private readonly tokens: AccountTokenRepository) {}

  /** What a link is for and where it goes, while it can still be used; null otherwise. */
  async notice(tokenId: string): Promise<AccountLinkNotice | null> {
    const token = await this.tokens.findById(tokenId);
    if (!token || token.consumedAt || token.expiresAt.getTime() <= Date.now()) return null;
    return {
      tokenId: token.id,
      userId: token.userId,
      purpose: token.purpose,
      email: token.email,
      expiresAt: token.expiresAt,
    };
  }

  /**
   * A fresh secret for the link. Minting again (a retried send) replaces the previous secret,
   * which stops working. Null when the link was used, replaced or ran out meanwhile.
   */
  async mint(tokenId: string): Promise<MintedAccountLink | null> {
    const token = newOpaqueToken();
    const row = await this.tokens.setHash(tokenId, hashToken(token));
    return row ? { token, purpose: row.purpose, expiresAt: row.expiresAt } : null;
  }
}
