import type { Offering, Session, Slot } from '../types';

export interface AttendeeRow {
  /** Stable React key: rows come and go. */
  key: number;
  name: string;
  email: string;
}

/** A consultation takes at most 3 people (the api's rule). */
export const MAX_CONSULTATION_ATTENDEES = 3;

export type Target = { kind: 'session'; session: Session } | { kind: 'slot'; slot: Slot };

export interface SeatLimit {
  /** How many attendees the form accepts. */
  max: number;
  /** What sets the limit, to say it to the member. */
  reason: 'seats_left' | 'organisation' | 'capacity' | 'consultation';
  /** A full session: the booking joins the waitlist. */
  waitlist: boolean;
}

/**
 * How many attendees one booking may name: a consultation seats 3; a session no more than its
 * seats left (when none are left the booking joins the waitlist, up to the capacity), nor than
 * the offering's limit per organisation.
 */
export function seatLimit(
  offering: Pick<Offering, 'maxSeatsPerOrganisation'>,
  target: Target,
): SeatLimit {
  if (target.kind === 'slot') {
    return { max: MAX_CONSULTATION_ATTENDEES, reason: 'consultation', waitlist: false };
  }
  const { session } = target;
  const waitlist = session.seatsLeft <= 0;
  const candidates: [number, SeatLimit['reason']][] = [
    waitlist ? [session.capacity, 'capacity'] : [session.seatsLeft, 'seats_left'],
  ];
  if (offering.maxSeatsPerOrganisation !== null) {
    candidates.push([offering.maxSeatsPerOrganisation, 'organisation']);
  }
  const [max, reason] = candidates.reduce((low, each) => (each[0] < low[0] ? each : low));
  return { max: Math.max(max, 1), reason, waitlist };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Field errors before anything is sent, keyed like the api's (`attendees.0.email`) and worded
 * like class-validator's, so that <Field> shows them in the reader's language exactly as it
 * shows the api's. `attendees` carries a problem of the list as a whole.
 */
export function validateAttendees(rows: AttendeeRow[], max: number): Record<string, string> {
  const errors: Record<string, string> = {};
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    if (!row.name.trim()) errors[`attendees.${index}.name`] = 'name should not be empty';
    const email = row.email.trim().toLowerCase();
    if (!email) errors[`attendees.${index}.email`] = 'email should not be empty';
    else if (!EMAIL.test(email)) errors[`attendees.${index}.email`] = 'email must be an email';
    else if (seen.has(email)) {
      errors[`attendees.${index}.email`] = 'must not repeat an e-mail address';
      errors.attendees = 'must not repeat an e-mail address';
    } else seen.set(email, index);
  });
  if (rows.length === 0) errors.attendees = 'attendees should not be empty';
  else if (rows.length > max) errors.attendees = `at most ${max}`;
  return errors;
}

/** The list-level problem (`attendees`), from the form or the api, as a message of the member namespace. */
export function attendeesProblem(
  message: string | undefined,
): { key: string; count?: number } | null {
  if (!message) return null;
  if (/repeat/i.test(message)) return { key: 'book.attendees.duplicate' };
  if (/empty/i.test(message)) return { key: 'book.attendees.none' };
  const atMost = /at most (\d+)( more)?/i.exec(message);
  if (atMost) {
    const count = Number(atMost[1]);
    // "at most 1 more": the organisation already holds seats on this session.
    return { key: atMost[2] ? 'book.attendees.organisationLeft' : 'book.attendees.tooMany', count };
  }
  return { key: 'book.attendees.invalid' };
}

/** What a public body's Chorus Pro structure requires of its bookings (null: not a public body). */
export interface ChorusRequirements {
  engagementNumberRequired: boolean;
  serviceCodeRequired: boolean;
  defaultServiceCode: string | null;
}

/** The Chorus Pro references typed on the form. */
export interface ReferenceValues {
  engagementNumber: string;
  serviceCode: string;
}

/** The reference fields the form shows: those the structure requires. */
export function referencesAsked(structure: ChorusRequirements | null | undefined): {
  engagementNumber: boolean;
  serviceCode: boolean;
} {
  return {
    engagementNumber: structure?.engagementNumberRequired ?? false,
    serviceCode: structure?.serviceCodeRequired ?? false,
  };
}

/**
 * The references missing before anything is sent, as keys of the member namespace: the
 * engagement number when required, the service code when required and the structure has no
 * default (the api then takes the default).
 */
export function referenceProblems(
  structure: ChorusRequirements | null | undefined,
  values: ReferenceValues,
): Partial<Record<keyof ReferenceValues, string>> {
  const problems: Partial<Record<keyof ReferenceValues, string>> = {};
  if (structure?.engagementNumberRequired && !values.engagementNumber.trim()) {
    problems.engagementNumber = 'book.references.engagementNumberMissing';
  }
  if (
    structure?.serviceCodeRequired &&
    !values.serviceCode.trim() &&
    !structure.defaultServiceCode
  ) {
    problems.serviceCode = 'book.references.serviceCodeMissing';
  }
  return problems;
}

/** The body of POST /api/bookings, trimmed as people expect; blank references are left out. */
export function bookingBody(
  organisationId: string,
  target: Target,
  rows: AttendeeRow[],
  references: ReferenceValues = { engagementNumber: '', serviceCode: '' },
) {
  const engagementNumber = references.engagementNumber.trim();
  const serviceCode = references.serviceCode.trim();
  return {
    organisationId,
    ...(target.kind === 'session' ? { sessionId: target.session.id } : { slotId: target.slot.id }),
    attendees: rows.map((row) => ({ name: row.name.trim(), email: row.email.trim() })),
    ...(engagementNumber ? { engagementNumber } : {}),
    ...(serviceCode ? { serviceCode } : {}),
  };
}

function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * One Idempotency-Key per booking attempt: sending the same booking again (a double click, a
 * retry after a network error) reuses the key, so the api books once; changing what is booked
 * starts a new attempt with a new key.
 */
export class AttemptKeys {
  private last: { fingerprint: string; key: string } | null = null;

  keyFor(body: unknown): string {
    const fingerprint = JSON.stringify(body);
    if (this.last?.fingerprint !== fingerprint) this.last = { fingerprint, key: randomKey() };
    return this.last.key;
  }
}
