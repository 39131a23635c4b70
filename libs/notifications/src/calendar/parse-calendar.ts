import ICAL from 'ical.js';

export interface ParsedCalendarEvent {
  uid: string;
  method: string;
  sequence: number;
  summary: string;
  description: string;
  location: string | null;
  url: string | null;
  status: string;
  startsAt: Date;
  endsAt: Date;
  /** TZID parameter of DTSTART; null for UTC times. */
  startTzid: string | null;
  /** DTSTART as written, in its own zone, e.g. `2026-12-01T09:00:00`. */
  startWallClock: string;
}

/**
 * Reads the first VEVENT of an iCalendar object, e.g. an invitation received by e-mail.
 * TZIDs resolve against the VTIMEZONE components of the same calendar (ical.js looks them up
 * in the component tree), so no zone is registered globally and the host's zone never matters.
 */
export function parseCalendarEvent(ics: string): ParsedCalendarEvent {
  const calendar = ICAL.Component.fromString(ics);
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('Calendar has no VEVENT');
  const start = dateTime(vevent, 'dtstart');
  const end = dateTime(vevent, 'dtend');
  return {
    uid: requiredText(vevent, 'uid'),
    method: requiredText(calendar, 'method'),
    sequence: integer(vevent, 'sequence') ?? 0,
    summary: optionalText(vevent, 'summary') ?? '',
    description: optionalText(vevent, 'description') ?? '',
    location: optionalText(vevent, 'location'),
    url: optionalText(vevent, 'url'),
    status: requiredText(vevent, 'status'),
    startsAt: start.instant,
    endsAt: end.instant,
    startTzid: start.tzid,
    startWallClock: start.wallClock,
  };
}

function optionalText(component: ICAL.Component, name: string): string | null {
  const value: unknown = component.getFirstPropertyValue(name);
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new Error(`${name.toUpperCase()} is not text`);
  return value;
}

function requiredText(component: ICAL.Component, name: string): string {
  const value = optionalText(component, name);
  if (value === null) throw new Error(`Calendar has no ${name.toUpperCase()}`);
  return value;
}

function integer(component: ICAL.Component, name: string): number | null {
  // The typings omit it, but ical.js decodes INTEGER values as numbers.
  const value: unknown = component.getFirstPropertyValue(name);
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number') throw new Error(`${name.toUpperCase()} is not an integer`);
  return value;
}

function dateTime(
  vevent: ICAL.Component,
  name: 'dtstart' | 'dtend',
): { instant: Date; tzid: string | null; wallClock: string } {
  const property = vevent.getFirstProperty(name);
  const time = property?.getFirstValue();
  if (!property || !(time instanceof ICAL.Time) || time.isDate) {
    throw new Error(`${name.toUpperCase()} is not a date-time`);
  }
  const tzid: unknown = property.getFirstParameter('tzid');
  const isUtc = time.zone === ICAL.Timezone.utcTimezone;
  // Without this check an unknown TZID, or a floating time, would silently take the host's zone.
  if (typeof tzid === 'string' ? time.zone.tzid !== tzid : !isUtc) {
    throw new Error(`${name.toUpperCase()} has no time zone defined in the calendar`);
  }
  return {
    instant: time.toJSDate(),
    tzid: typeof tzid === 'string' ? tzid : null,
    wallClock: time.toString().replace(/Z$/, ''),
  };
}
