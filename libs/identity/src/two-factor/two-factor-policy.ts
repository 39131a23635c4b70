import type { PlatformRole } from '../identity.types';

/** Roles that reach every organisation's data or the Chambre's money: they need a second factor. */
export const TWO_FACTOR_REQUIRED_ROLES: readonly PlatformRole[] = ['admin', 'finance'];

export function requiresTwoFactor(roles: readonly PlatformRole[]): boolean {
  return roles.some((role) => TWO_FACTOR_REQUIRED_ROLES.includes(role));
}

/** How long the second step of a sign-in may wait for its code. */
export const MFA_CHALLENGE_TTL_SECONDS = 300;
/** Wrong codes one sign-in challenge takes before it is spent. */
export const MFA_ATTEMPTS_PER_CHALLENGE = 5;
/**
 * Wrong codes a user's challenges take together within the window: a password holder cannot
 * get five fresh tries by logging in again. 10 tries at 3 codes in a million each leave odds of
 * about 3 in 100,000 per quarter hour.
 */
export const MFA_ATTEMPTS_PER_USER = 10;
export const MFA_ATTEMPTS_WINDOW_SECONDS = 900;
