import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { IdentityException } from '@mutualis/identity';
import { RequestValidationException } from '../request-validation.exception';

/** Runs the local strategy; a body without e-mail or password is a validation problem, not a 401. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override handleRequest<TUser>(error: unknown, user: TUser | false, info: unknown): TUser {
    if (error instanceof IdentityException) throw error;
    if (error instanceof Error) throw error;
    if (!user) {
      const missing = (info as { message?: string } | undefined)?.message === 'Missing credentials';
      throw new RequestValidationException(
        missing
          ? [
              { field: 'email', message: 'and password are required' },
              { field: 'password', message: 'is required' },
            ]
          : [{ field: 'body', message: 'is not a login request' }],
      );
    }
    return user;
  }
}
