import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { AuthenticateUserUseCase, User } from '@mutualis/identity';
import { RequestValidationException } from '../request-validation.exception';

/** E-mail and password login; the use case decides, passport only carries the result. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly authenticateUser: AuthenticateUserUseCase) {
    super({ usernameField: 'email', passwordField: 'password' });
  }

  // passport-local hands over whatever the body holds (a number, an array…): only text is a credential.
  validate(email: unknown, password: unknown): Promise<User> {
    if (typeof email !== 'string' || typeof password !== 'string') {
      throw new RequestValidationException(
        [
          ['email', email],
          ['password', password],
        ]
          .filter(([, value]) => typeof value !== 'string')
          .map(([field]) => ({ field: String(field), message: 'must be a string' })),
      );
    }
    return this.authenticateUser.execute(email, password);
  }
}
