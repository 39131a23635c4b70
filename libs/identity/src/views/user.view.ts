import { User } from '../entities/user.entity';
import type { Locale, PlatformRole } from '../identity.types';

export interface UserView {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  roles: PlatformRole[];
  disabled: boolean;
  /** The person's data was erased: name and e-mail are placeholders. */
  erased: boolean;
  createdAt: string;
  emailVerified: boolean;
}

export function presentUser(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    roles: user.platformRoles,
    disabled: user.disabledAt !== null,
    erased: user.erasedAt !== null,
    createdAt: user.createdAt.toISOString(),
    emailVerified: user.emailVerifiedAt !== null,
  };
}
