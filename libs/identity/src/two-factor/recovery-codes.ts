import { createHash, randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
// Without 0/O, 1/I/L, so a code copied by hand from paper reads back right.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten random codes like `k7m2p-x9qrt` (10 characters of a 31-letter alphabet: about 50 bits each). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const characters = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]);
    return `${characters.slice(0, 5).join('')}-${characters.slice(5).join('')}`;
  });
}

/**
 * Codes are stored as SHA-256 of their normalised form (lower case, no spaces or dashes): they
 * are random and used once, so a slow salted hash would add nothing but login time.
 */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.toLowerCase().replace(/[\s-]/g, '')).digest('hex');
}
