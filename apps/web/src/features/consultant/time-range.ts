import { formatShortDateTime, localeTag, TIME_ZONE } from '../../lib/format';
import { isoToParisLocal } from './paris-time';

/** "18/06/2027 09:00 – 16:00" for a session within a day; both dates when it spans several. */
export function formatTimeRange(startIso: string, endIso: string, language = 'fr'): string {
  const start = formatShortDateTime(startIso, language);
  const sameDay = isoToParisLocal(startIso).slice(0, 10) === isoToParisLocal(endIso).slice(0, 10);
  const end = sameDay
    ? new Intl.DateTimeFormat(localeTag(language), {
        timeStyle: 'short',
        timeZone: TIME_ZONE,
      }).format(new Date(endIso))
    : formatShortDateTime(endIso, language);
  return `${start} – ${end}`;
}
