import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from '@mutualis/core';
import { normaliseEmail } from '../../auth/email-address';
import { PasswordHasher } from '../../auth/password-hasher';
import { assertAcceptablePassword } from '../../auth/password-policy';
import { User } from '../../entities/user.entity';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import type { Locale, PlatformRole } from '../../identity.types';
import { UserRepository } from '../../repositories/user.repository';

export interface RegisterUserCommand {
  email: string;
  name: string;
  password: string;
  locale?: Locale;
  /** Only the seed and admins grant platform roles; self-registration never does. */
  platformRoles?: PlatformRole[];
  /** Only the seed creates accounts whose address counts as verified without a link. */
  emailVerified?: boolean;
}

/**
 * Creates an account directly, refusing a taken address: for the seed and tests. The public
 * sign-up, which reveals nothing and verifies the address, is SignUpUseCase.
 */
@Injectable()
export class RegisterUserUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(command: RegisterUserCommand): Promise<User> {
    const email = normaliseEmail(command.email);
    assertAcceptablePassword(command.password, email);
    if (await this.users.findByEmail(email)) throw emailTaken();
    const passwordHash = await this.hasher.hash(command.password);
    try {
      return await this.users.create({
        email,
        name: command.name.trim(),
        passwordHash,
        locale: command.locale,
        platformRoles: command.platformRoles,
        emailVerifiedAt: command.emailVerified ? new Date() : null,
      });
    } catch (error) {
      // Two registrations racing for one address: the unique index decides.
      if (isUniqueViolation(error, 'users_email_key')) throw emailTaken();
      throw error;
    }
  }
}

function emailTaken(): IdentityException {
  return new IdentityException(
    IdentityErrorCode.EmailTaken,
    'an account with this e-mail address already exists',
    [{ field: 'email', message: 'is already registered' }],
  );
}
