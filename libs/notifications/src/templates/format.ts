import { DateTime } from 'luxon';
import { Money, PARIS_TIME_ZONE } from '@mutualis/core';
import type { MailLocale } from './template-data';

const NUMBER_LOCALES: Readonly<Record<MailLocale, string>> = { fr: 'fr-FR', en: 'en-GB' };

// Made once: building an Intl formatter costs far more than using it, and every mail uses some.
const PERCENT: Readonly<Record<MailLocale, Intl.NumberFormat>> = {
  fr: new Intl.NumberFormat(NUMBER_LOCALES.fr, { style: 'unit', unit: 'percent' }),
  en: new Intl.NumberFormat(NUMBER_LOCALES.en, { style: 'unit', unit: 'percent' }),
};
const PLURALS: Readonly<Record<MailLocale, Intl.PluralRules>> = {
  fr: new Intl.PluralRules('fr'),
  en: new Intl.PluralRules('en'),
};

const DAY = 'cccc d LLLL yyyy';

/** French writes the first of the month as an ordinal: « 1er décembre ». */
function longDay(at: DateTime, pattern = DAY): string {
  return at.toFormat(
    at.locale === 'fr' && at.day === 1 ? pattern.replace('d ', "d'er' ") : pattern,
  );
}
const TIME = 'HH:mm';

/** `1 234,50 €` / `€1,234.50` from integer cents; fractional cents are refused, not rounded. */
export function formatEuros(cents: number, locale: MailLocale): string {
  return Money.ofCents(cents).format(NUMBER_LOCALES[locale]);
}

/** `50 %` / `50%`. */
export function formatPercent(value: number, locale: MailLocale): string {
  return PERCENT[locale].format(value);
}

/**
 * An instant in Paris. A string without an offset is read as UTC, like the timestamptz values
 * it comes from, so the result never depends on the server's time zone. A bad value throws:
 * sending "Invalid DateTime" to a member is worse than a retried job.
 */
function parisInstant(iso: string, locale: MailLocale): DateTime {
  const instant = DateTime.fromISO(iso, { zone: 'utc' });
  if (!instant.isValid) throw new RangeError(`Expected an ISO 8601 instant, got "${iso}"`);
  return instant.setZone(PARIS_TIME_ZONE).setLocale(locale);
}

/** `mardi 1 décembre 2026 à 09:00` / `Tuesday 1 December 2026 at 09:00 (Paris time)`. */
export function formatParisDateTime(iso: string, locale: MailLocale): string {
  const at = parisInstant(iso, locale);
  return locale === 'fr'
    ? `${longDay(at)} à ${at.toFormat(TIME)}`
    : `${longDay(at)} at ${at.toFormat(TIME)} (Paris time)`;
}

/**
 * When a session runs: `mardi 1 décembre 2026, de 09:00 à 12:30`, or with both dates when it
 * ends on another day in Paris.
 */
export function formatParisPeriod(startsAt: string, endsAt: string, locale: MailLocale): string {
  const start = parisInstant(startsAt, locale);
  const end = parisInstant(endsAt, locale);
  if (start.hasSame(end, 'day')) {
    return locale === 'fr'
      ? `${longDay(start)}, de ${start.toFormat(TIME)} à ${end.toFormat(TIME)}`
      : `${longDay(start)}, ${start.toFormat(TIME)} to ${end.toFormat(TIME)} (Paris time)`;
  }
  return locale === 'fr'
    ? `du ${longDay(start)} à ${start.toFormat(TIME)} au ${longDay(end)} à ${end.toFormat(TIME)}`
    : `from ${longDay(start)} at ${start.toFormat(TIME)} to ${longDay(end)} at ${end.toFormat(TIME)} (Paris time)`;
}

/** `1 déc. 2026` / `1 Dec 2026`, for subjects. */
export function formatParisShortDate(iso: string, locale: MailLocale): string {
  return parisInstant(iso, locale).toFormat('d LLL yyyy');
}

/** `1 déc. 2026 à 09:00` / `1 Dec 2026 at 09:00`, for subjects (the body gives the zone). */
export function formatParisShortDateTime(iso: string, locale: MailLocale): string {
  const at = parisInstant(iso, locale);
  return `${at.toFormat('d LLL yyyy')} ${locale === 'fr' ? 'à' : 'at'} ${at.toFormat(TIME)}`;
}

/**
 * A calendar date such as a due date (`YYYY-MM-DD`): `31 décembre 2026` / `31 December 2026`.
 * Read as a day in Paris, never shifted through UTC.
 */
export function formatCalendarDate(date: string, locale: MailLocale): string {
  const day = DateTime.fromISO(date, { zone: PARIS_TIME_ZONE });
  if (!day.isValid) throw new RangeError(`Expected an ISO 8601 date, got "${date}"`);
  return longDay(day.setZone(PARIS_TIME_ZONE).setLocale(locale), 'd LLLL yyyy');
}

/** `FR76 3000 6000 0112 3456 7890 189`: grouped by four, as on a RIB, easier to copy by hand. */
export function formatIban(iban: string): string {
  return iban
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');
}

/** `1 place`, `2 places` / `1 seat`, `2 seats`. */
export function countOf(count: number, locale: MailLocale, one: string, other: string): string {
  const form = PLURALS[locale].select(count) === 'one' ? one : other;
  return `${count} ${form}`;
}

/**
 * One line of header text: line breaks and other control characters become spaces, so a title
 * can never inject a header into the message.
 */
export function singleLine(text: string): string {
  // Matching control characters is the very point here.
  // eslint-disable-next-line no-control-regex
  const controls = /[\u0000-\u001f\u007f\u2028\u2029]+/g;
  return text.replace(controls, ' ').replace(/ {2,}/g, ' ').trim();
}
