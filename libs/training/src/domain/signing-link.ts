import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A trainee's personal signing link for one half-day: the half-day's and the attendee's ids and
 * an HMAC of both under the Chambre's signing key, in base64url (64 characters). Derived, not
 * stored: the consultant's page shows the same link (and QR code) again, and nothing is kept that
 * a database reader could replay without the key. Valid only during its half-day (± the margin),
 * which the use case checks; a forged or altered link fails the MAC.
 */
const MAC_BYTES = 16;

export interface SigningLinkSubject {
  halfDayId: string;
  attendeeId: string;
}

function uuidBytes(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function uuidOf(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function mac(key: Buffer, purpose: string, ids: Buffer): Buffer {
  return createHmac('sha256', key).update(purpose).update(ids).digest().subarray(0, MAC_BYTES);
}

export function signingToken(key: Buffer, subject: SigningLinkSubject): string {
  const ids = Buffer.concat([uuidBytes(subject.halfDayId), uuidBytes(subject.attendeeId)]);
  return Buffer.concat([ids, mac(key, 'attendance-link:', ids)]).toString('base64url');
}

/** The half-day and trainee a link names, or null when it is not one we made. */
export function readSigningToken(key: Buffer, token: string): SigningLinkSubject | null {
  if (!/^[A-Za-z0-9_-]{64}$/.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== 32 + MAC_BYTES) return null;
  const ids = bytes.subarray(0, 32);
  if (!timingSafeEqual(bytes.subarray(32), mac(key, 'attendance-link:', ids))) return null;
  return { halfDayId: uuidOf(ids.subarray(0, 16)), attendeeId: uuidOf(ids.subarray(16)) };
}

/**
 * What a phone that signed keeps: proof that it signed as this trainee on this session, so the
 * same phone signing next with a colleague's link is refused (signing for someone absent).
 */
export function devicePass(key: Buffer, sessionId: string, attendeeId: string): string {
  const ids = Buffer.concat([uuidBytes(sessionId), uuidBytes(attendeeId)]);
  return Buffer.concat([ids, mac(key, 'attendance-device:', ids)]).toString('base64url');
}

/** The session and trainee a device pass names, or null when it is forged or malformed. */
export function readDevicePass(
  key: Buffer,
  pass: string,
): { sessionId: string; attendeeId: string } | null {
  if (!/^[A-Za-z0-9_-]{64}$/.test(pass)) return null;
  const bytes = Buffer.from(pass, 'base64url');
  if (bytes.length !== 32 + MAC_BYTES) return null;
  const ids = bytes.subarray(0, 32);
  if (!timingSafeEqual(bytes.subarray(32), mac(key, 'attendance-device:', ids))) return null;
  return { sessionId: uuidOf(ids.subarray(0, 16)), attendeeId: uuidOf(ids.subarray(16)) };
}

/** When a half-day's links work: from its start less the margin to its end plus the margin. */
export function signingWindow(
  half: { startsAt: Date; endsAt: Date },
  marginMinutes: number,
): { opensAt: Date; closesAt: Date } {
  const margin = marginMinutes * 60_000;
  return {
    opensAt: new Date(half.startsAt.getTime() - margin),
    closesAt: new Date(half.endsAt.getTime() + margin),
  };
}
