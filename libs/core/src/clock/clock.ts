import { Injectable } from '@nestjs/common';

/** The time source of the domain; tests replace it to move through time. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

export const PARIS_TIME_ZONE = 'Europe/Paris';

// Made once: creating an Intl.DateTimeFormat costs about 0.3 ms, formatting with one a few µs,
// and a catalogue page prices each offering and session with parisYear (see bench/README.md,
// catalogue-search).
const PARIS_YEAR = new Intl.DateTimeFormat('en-GB', { timeZone: PARIS_TIME_ZONE, year: 'numeric' });
const PARIS_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: PARIS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const PARIS_OFFSET = new Intl.DateTimeFormat('en-US', {
  timeZone: PARIS_TIME_ZONE,
  timeZoneName: 'longOffset',
});

/** The calendar year of an instant as seen in Paris (a session at 23:30 UTC on 31 Dec is next year there). */
export function parisYear(instant: Date): number {
  return Number(PARIS_YEAR.format(instant));
}

/** The calendar date (YYYY-MM-DD) of an instant in Paris. */
export function parisDate(instant: Date): string {
  return PARIS_DATE.format(instant);
}

/** The instant a Paris calendar day (YYYY-MM-DD) begins, summer time included. */
export function parisStartOfDay(date: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  // Midnight UTC of that day, moved back by Paris' offset at that moment (1 or 2 hours).
  const utcMidnight = Date.UTC(year, month - 1, day);
  const offsetMinutes = parisOffsetMinutes(new Date(utcMidnight));
  const candidate = new Date(utcMidnight - offsetMinutes * 60_000);
  // Near a change of offset the first guess may be an hour off; one correction settles it.
  return new Date(utcMidnight - parisOffsetMinutes(candidate) * 60_000);
}

function parisOffsetMinutes(instant: Date): number {
  const parts = PARIS_OFFSET.formatToParts(instant);
  const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The instant the Paris day after `date` (YYYY-MM-DD) begins: the exclusive end of that day. */
export function parisEndOfDay(date: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  return parisStartOfDay(new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10));
}
