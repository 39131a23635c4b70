import { randomBytes } from 'node:crypto';

/** An address no other test uses: accounts and invitations are unique by e-mail. */
export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(5).toString('hex')}@test.mutualis.fr`;
}
