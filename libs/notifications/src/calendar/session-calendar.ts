import ICAL from 'ical.js';
import { DateTime } from 'luxon';

export interface CalendarEvent {
  /** Stable across updates of the same booking, e.g. `booking-<uuid>@mutualis`. */
  uid: string;
  /** 0 for the invitation, incremented for updates and the cancellation. */
  sequence: number;
  method: 'PUBLISH' | 'CANCEL';
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  /** Postal address or room; null for remote sessions. */
  location: string | null;
  /** Video-call link for remote sessions, or the booking page. */
  url: string | null;
  organizer: { name: string; email: string };
  /** When the event was generated (DTSTAMP). */
  stampedAt: Date;
}

export const PRODUCT_ID = '-//Mutualis//Notifications//FR';
export const PARIS_TZID = 'Europe/Paris';

/**
 * ical.js folds after `foldLength` octets but then prefixes continuation lines with a space,
 * so they come out one octet longer; 74 keeps every line within RFC 5545's 75 octets.
 */
const FOLD_LENGTH = 74;

/**
 * An iCalendar object for one session. Times are Paris wall-clock with the zone definition
 * embedded, so every calendar shows the session at the hour announced in the catalogue.
 */
export function sessionCalendar(event: CalendarEvent): string {
  if (!(event.endsAt.getTime() > event.startsAt.getTime())) {
    throw new RangeError(`Calendar event ${event.uid} must end after it starts`);
  }

  const calendar = new ICAL.Component('vcalendar');
  calendar.addPropertyWithValue('prodid', PRODUCT_ID);
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  calendar.addPropertyWithValue('method', event.method);
  calendar.addSubcomponent(parisTimezone());

  const vevent = new ICAL.Component('vevent');
  vevent.addPropertyWithValue('uid', event.uid);
  vevent.addPropertyWithValue('sequence', event.sequence);
  vevent.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(event.stampedAt, true));
  vevent.addProperty(parisDateTime('dtstart', event.startsAt));
  vevent.addProperty(parisDateTime('dtend', event.endsAt));
  vevent.addPropertyWithValue('summary', text(event.title));
  vevent.addPropertyWithValue('description', text(event.description));
  if (event.location !== null) vevent.addPropertyWithValue('location', text(event.location));
  if (event.url !== null) vevent.addPropertyWithValue('url', event.url);
  const organizer = vevent.addPropertyWithValue('organizer', `mailto:${event.organizer.email}`);
  organizer.setParameter('cn', event.organizer.name);
  vevent.addPropertyWithValue('status', event.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED');
  vevent.addPropertyWithValue('transp', 'OPAQUE');
  calendar.addSubcomponent(vevent);

  return `${foldedString(calendar)}\r\n`;
}

/** The EU rules in force since 1996: summer time from the last Sunday of March to that of October. */
function parisTimezone(): ICAL.Component {
  const timezone = new ICAL.Component('vtimezone');
  timezone.addPropertyWithValue('tzid', PARIS_TZID);
  timezone.addSubcomponent(
    observance('standard', 'CET', 2, 1, { year: 1996, month: 10, day: 27, hour: 3 }, 10),
  );
  timezone.addSubcomponent(
    observance('daylight', 'CEST', 1, 2, { year: 1996, month: 3, day: 31, hour: 2 }, 3),
  );
  return timezone;
}

function observance(
  kind: 'standard' | 'daylight',
  name: string,
  offsetFromHours: number,
  offsetToHours: number,
  firstChange: { year: number; month: number; day: number; hour: number },
  month: number,
): ICAL.Component {
  const component = new ICAL.Component(kind);
  component.addPropertyWithValue('tzname', name);
  component.addPropertyWithValue(
    'tzoffsetfrom',
    ICAL.UtcOffset.fromSeconds(offsetFromHours * 3600),
  );
  component.addPropertyWithValue('tzoffsetto', ICAL.UtcOffset.fromSeconds(offsetToHours * 3600));
  component.addPropertyWithValue('dtstart', ICAL.Time.fromData({ ...firstChange, isDate: false }));
  component.addPropertyWithValue(
    'rrule',
    ICAL.Recur.fromString(`FREQ=YEARLY;BYMONTH=${month};BYDAY=-1SU`),
  );
  return component;
}

/** The instant as Paris wall-clock, tied to the VTIMEZONE by TZID. */
function parisDateTime(name: 'dtstart' | 'dtend', instant: Date): ICAL.Property {
  const paris = DateTime.fromJSDate(instant, { zone: PARIS_TZID });
  if (!paris.isValid) throw new RangeError(`Invalid ${name.toUpperCase()}: ${String(instant)}`);
  const property = new ICAL.Property(name);
  // A wall-clock time repeated in October names two instants. RFC 5545 (3.3.5) means the first,
  // but ical.js reads the second: only UTC says the same to every reader.
  if (paris.getPossibleOffsets().length > 1) {
    property.setValue(ICAL.Time.fromJSDate(instant, true));
    return property;
  }
  property.setParameter('tzid', PARIS_TZID);
  property.setValue(
    ICAL.Time.fromData({
      year: paris.year,
      month: paris.month,
      day: paris.day,
      hour: paris.hour,
      minute: paris.minute,
      second: paris.second,
      isDate: false,
    }),
  );
  return property;
}

/** ical.js escapes LF but not CR, and a bare CR would break the content line. */
function text(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}

function foldedString(calendar: ICAL.Component): string {
  const defaultFoldLength = ICAL.foldLength;
  ICAL.foldLength = FOLD_LENGTH;
  try {
    return calendar.toString();
  } finally {
    ICAL.foldLength = defaultFoldLength;
  }
}
