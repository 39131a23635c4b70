import { localeTag, TIME_ZONE } from '../../../lib/format';

/** The Paris wall-clock time of an instant ("17:00"), to end a range that starts with its date. */
export function formatTime(iso: string, language = 'fr'): string {
  return new Intl.DateTimeFormat(localeTag(language), {
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}
