import { Secret, TOTP } from 'otpauth';

/** What authenticator apps assume when a QR code says nothing else: SHA-1, 6 digits, 30 s (RFC 6238). */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const ALGORITHM = 'SHA1';
/** Codes of the previous and next time steps are accepted too: phones' clocks drift. */
const WINDOW = 1;
export const TOTP_ISSUER = 'Mutualis';

/** A new random TOTP secret (160 bits, RFC 4226's recommendation), in base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, accountName: string): string {
  return totp(secret, accountName).toString();
}

/**
 * The time step a code belongs to, if it is valid now (within one step either way) and newer
 * than `lastUsedStep`: a code works once, so one seen over a shoulder or replayed does not.
 */
export function matchTotpStep(
  secret: string,
  code: string,
  now: Date,
  lastUsedStep: number | null,
): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const otp = totp(secret);
  const timestamp = now.getTime();
  const delta = otp.validate({ token, timestamp, window: WINDOW });
  if (delta === null) return null;
  const step = otp.counter({ timestamp }) + delta;
  return lastUsedStep !== null && step <= lastUsedStep ? null : step;
}

function totp(secret: string, label = ''): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    secret: Secret.fromBase32(secret),
    algorithm: ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });
}
