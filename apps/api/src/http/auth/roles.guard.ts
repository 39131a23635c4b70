import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { IdentityErrorCode, IdentityException, PlatformRole } from '@mutualis/identity';
import { AuthenticatedActor } from './current-actor.decorator';
import { REQUIRED_ROLES } from './roles.decorator';

/** Global: enforces @Roles(...) after authentication. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<PlatformRole[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.length === 0) return true;
    const actor = context.switchToHttp().getRequest<Request & { user?: AuthenticatedActor }>().user;
    if (actor && roles.some((role) => actor.roles.includes(role))) return true;
    if (actor?.rolesAwaitingMfa?.some((role) => roles.includes(role))) {
      throw new IdentityException(
        IdentityErrorCode.MfaEnrolmentRequired,
        'turn on two-factor authentication (POST /api/me/two-factor/enrolment) to use this role',
      );
    }
    throw new ForbiddenException(`this requires one of these roles: ${roles.join(', ')}`);
  }
}
