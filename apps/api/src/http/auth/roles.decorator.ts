import { SetMetadata } from '@nestjs/common';
import { PlatformRole } from '@mutualis/identity';

export const REQUIRED_ROLES = 'mutualis:roles';

/** Restricts a route to users holding at least one of these platform roles. */
export const Roles = (...roles: PlatformRole[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);
