import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { Request } from 'express';
import { IdentityException } from '@mutualis/identity';
import { OPTIONAL_AUTH } from './optional-auth.decorator';
import { IS_PUBLIC } from './public.decorator';

/** Global: every route needs a valid access token unless marked @Public() or @OptionalAuth(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH, targets)) {
      const request = context.switchToHttp().getRequest<Request>();
      if (!request.headers.authorization) return true;
    }
    return super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error instanceof IdentityException) throw error;
    if (error || !user) {
      throw new UnauthorizedException(
        'a valid access token is required (Authorization: Bearer <accessToken>)',
      );
    }
    return user;
  }
}
