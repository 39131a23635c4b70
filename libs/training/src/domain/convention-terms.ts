import { DateTime } from 'luxon';
import { minutesOf, splitIntoHalfDays } from './half-days';
import type { TrainingBody } from './training-body';
import { formatHours } from './french-format';

const PARIS = 'Europe/Paris';

/**
 * `convention`: an organisation buys training for its people (L6353-1, L6353-2).
 * `contrat`: a person buys it for themselves, at their own expense (L6353-3 to L6353-7: ten days
 * to withdraw, nothing paid before, at most 30 % in advance).
 */
export type ConventionKind = 'convention' | 'contrat';

/** Everything a convention prints, frozen at issue (amounts in cents, dates Paris days). */
export interface ConventionTerms {
  kind: ConventionKind;
  /** E.g. « CF-2026-1A2B3C4D »: the booking's, quoted in mail and on the invoice's side. */
  reference: string;
  issuedOn: string;
  chambre: TrainingBody;
  organisation: {
    legalName: string;
    siret: string | null;
    rna: string | null;
    addressLines: string[];
  };
  training: {
    title: string;
    summary: string;
    objectives: string[];
    /** The programme in short (modules or the description). */
    programme: string[];
    prerequisites: string | null;
    public: string | null;
    teachingMethods: string | null;
    evaluationMethods: string | null;
    accessibility: string | null;
    durationMinutes: number;
    /** One line per day: « lundi 4 janvier 2027 : 9 h 00 – 12 h 30, 13 h 30 – 17 h 00 ». */
    schedule: string[];
    startsOn: string;
    endsOn: string;
    location: string | null;
    remote: boolean;
  };
  trainees: string[];
  price: {
    seats: number;
    unitPriceCents: number;
    totalExclVatCents: number;
    totalVatCents: number;
    totalInclVatCents: number;
    vatRateBasisPoints: number;
    /** The exemption's words (« Exonération de TVA, art. 261, 4, 4° a du CGI »), or null. */
    vatMention: string | null;
  };
  /** Refund tiers of the booking's policy: « jusqu'à 14 jours avant : 100 % ». */
  cancellation: { daysBefore: number; refundPercent: number }[];
  /** True when the booking was paid (card, SEPA) at confirmation. */
  paidAtConfirmation: boolean;
  /** Days from the invoice to its due date (the Chambre's terms). */
  paymentTermsDays: number;
}

/**
 * A contrat de formation is for « une personne physique qui entreprend une formation à titre
 * individuel et à ses frais » (L6353-3). Every Mutualis booking is made for an organisation
 * (the database requires its SIRET or RNA), so a booking is a contrat only when what it knows
 * says the buyer is that person: an organisation of legal form `other` (no association,
 * cooperative, mutual… — the sole trader's case), one seat, and the trainee is the booker
 * (same e-mail). Anything else is a convention with the organisation.
 */
export function conventionKindOf(booking: {
  legalForm: string;
  seats: number;
  bookedByEmail: string;
  trainees: { email: string | null }[];
}): ConventionKind {
  const [trainee, ...others] = booking.trainees;
  const selfFunded =
    booking.legalForm === 'other' &&
    booking.seats === 1 &&
    others.length === 0 &&
    !!trainee?.email &&
    trainee.email.trim().toLowerCase() === booking.bookedByEmail.trim().toLowerCase();
  return selfFunded ? 'contrat' : 'convention';
}

/** What a convention's signature block prints. */
export interface ConventionSignatureStamp {
  party: 'organisation' | 'chambre';
  signerName: string;
  signerCapacity: string | null;
  signedAt: Date;
  /** The hash of the version the signer was shown and signed. */
  documentSha256: string;
  version: number;
}

/**
 * The Paris days and hours a session runs, from its half-days (the same cut as the attendance
 * sheet), and its duration in minutes.
 */
export function scheduleOf(
  startsAt: Date,
  endsAt: Date,
): { lines: string[]; minutes: number; startsOn: string; endsOn: string } {
  const halves = splitIntoHalfDays(startsAt, endsAt);
  const byDay = new Map<string, string[]>();
  for (const half of halves) {
    byDay.set(half.day, [
      ...(byDay.get(half.day) ?? []),
      `${parisTime(half.startsAt)} – ${parisTime(half.endsAt)}`,
    ]);
  }
  const lines = [...byDay.entries()].map(([day, spans]) => `${longDay(day)} : ${spans.join(', ')}`);
  return {
    lines,
    minutes: halves.reduce((sum, half) => sum + minutesOf(half), 0),
    startsOn: DateTime.fromJSDate(startsAt, { zone: PARIS }).toISODate()!,
    endsOn: DateTime.fromJSDate(endsAt, { zone: PARIS }).toISODate()!,
  };
}

/** « 9 h 00 » in Paris time. */
export function parisTime(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: PARIS }).toFormat("H' h 'mm");
}

/** « lundi 4 janvier 2027 ». */
export function longDay(day: string): string {
  return DateTime.fromISO(day, { zone: PARIS }).setLocale('fr').toFormat('cccc d LLLL yyyy');
}

/** A text field of the offering row (pedagogical fields may be missing, text or lists). */
export function textList(value: unknown): string[] {
  if (typeof value === 'string') {
    return value
      .split(/\r?\n/)
      .map((line) => line.replace(/^[-•*]\s*/, '').trim())
      .filter(Boolean);
  }
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (typeof item === 'string') return textList(item);
      if (item && typeof item === 'object') {
        const record = item as Record<string, unknown>;
        const title = record.title ?? record.name ?? record.label;
        const minutes = record.durationMinutes;
        if (typeof title === 'string') {
          return [typeof minutes === 'number' ? `${title} (${formatHours(minutes)})` : title];
        }
      }
      return [];
    });
  }
  return [];
}

export function textOf(value: unknown): string | null {
  const lines = textList(value);
  return lines.length > 0 ? lines.join(' ') : null;
}
