import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IdentityErrorCode, IdentityException } from '../identity.exception';
import { UserRepository } from '../repositories/user.repository';

/** What an account may do only once its owner proved their e-mail address. */
@Injectable()
export class VerifiedAccountService {
  constructor(private readonly users: UserRepository) {}

  /**
   * Refuses, with `email_not_verified`, a user whose address is not verified: creating an
   * organisation, accepting an invitation and booking commit the Chambre to someone who must
   * be reachable at their address. Inside a transaction, pass its manager.
   */
  async assertEmailVerified(userId: string, manager?: EntityManager): Promise<void> {
    if (await this.users.isEmailVerified(userId, manager)) return;
    throw emailNotVerified();
  }

  /**
   * Counts the address as verified without a link. Only for the demo seed, whose made-up
   * addresses receive nothing (a demo database from before verification existed is caught up).
   */
  async markVerifiedWithoutLink(userId: string): Promise<void> {
    await this.users.markVerifiedWithoutLink(userId);
  }
}

export function emailNotVerified(): IdentityException {
  return new IdentityException(
    IdentityErrorCode.EmailNotVerified,
    'confirm your e-mail address first: follow the link we sent you, or ask for a new one from your account',
  );
}
