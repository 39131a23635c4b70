import { Injectable } from '@nestjs/common';
import { normaliseEmail } from '../../auth/email-address';
import { PasswordHasher } from '../../auth/password-hasher';
import { User } from '../../entities/user.entity';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { UserRepository } from '../../repositories/user.repository';

/** Checks an e-mail and password; says nothing about which of the two was wrong. */
@Injectable()
export class AuthenticateUserUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(email: string, password: string): Promise<User> {
    const user = await this.users.findByEmailWithPasswordHash(normaliseEmail(email));
    const valid = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !valid) {
      throw new IdentityException(
        IdentityErrorCode.InvalidCredentials,
        'e-mail address or password is incorrect',
      );
    }
    if (user.disabledAt) {
      throw new IdentityException(
        IdentityErrorCode.AccountDisabled,
        'this account has been disabled',
      );
    }
    return user;
  }
}
