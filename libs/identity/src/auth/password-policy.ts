import { IdentityErrorCode, IdentityException } from '../identity.exception';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** Length is what makes a password strong (NIST SP 800-63B); no composition rules. */
export function assertAcceptablePassword(password: string, email: string): void {
  const problem =
    password.length < PASSWORD_MIN_LENGTH
      ? `password must be at least ${PASSWORD_MIN_LENGTH} characters long`
      : password.length > PASSWORD_MAX_LENGTH
        ? `password must be at most ${PASSWORD_MAX_LENGTH} characters long`
        : password.trim().toLowerCase() === email.trim().toLowerCase()
          ? 'password must not be your e-mail address'
          : null;
  if (problem) {
    throw new IdentityException(IdentityErrorCode.WeakPassword, problem, [
      { field: 'password', message: problem },
    ]);
  }
}
