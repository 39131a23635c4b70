import type { PlatformRole } from './types';

/** The platform roles in the order the pages show them. */
export const PLATFORM_ROLES: PlatformRole[] = ['admin', 'finance', 'consultant'];

/** The roles after ticking or unticking one, without duplicates, in a stable order. */
export function withRole(
  roles: PlatformRole[],
  role: PlatformRole,
  granted: boolean,
): PlatformRole[] {
  const next = new Set(roles);
  if (granted) next.add(role);
  else next.delete(role);
  return PLATFORM_ROLES.filter((candidate) => next.has(candidate));
}
