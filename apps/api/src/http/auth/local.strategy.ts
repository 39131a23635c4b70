import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { AuthenticateUserUseCase, User } from '@mutualis/identity';

/** E-mail and password login; the use case decides, passport only carries the result. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly authenticateUser: AuthenticateUserUseCase) {
    super({ usernameField: 'email', passwordField: 'password' });
  }

  validate(email: string, password: string): Promise<User> {
    return this.authenticateUser.execute(email, password);
  }
}
