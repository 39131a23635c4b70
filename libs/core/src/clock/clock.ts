import { Injectable } from '@nestjs/common';

/** The time source of the domain; tests replace it to move through time. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

export const PARIS_TIME_ZONE = 'Europe/Paris';

/** The calendar year of an instant as seen in Paris (a session at 23:30 UTC on 31 Dec is next year there). */
export function parisYear(instant: Date): number {
  const year = new Intl.DateTimeFormat('en-GB', {
    timeZone: PARIS_TIME_ZONE,
    year: 'numeric',
  }).format(instant);
  return Number(year);
}

/** The calendar date (YYYY-MM-DD) of an instant in Paris. */
export function parisDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: PARIS_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
