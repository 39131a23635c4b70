import { parseCalendarEvent } from './parse-calendar';

/** Hand-written so the parser is not only tested against sessionCalendar's own output. */
function calendar(dtstart: string, vtimezone: string[] = []): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//Test//EN',
    'METHOD:PUBLISH',
    ...vtimezone,
    'BEGIN:VEVENT',
    'UID:event-1@test',
    'DTSTAMP:20260101T000000Z',
    dtstart,
    'DTEND:20260601T120000Z',
    'SUMMARY:Atelier',
    'STATUS:CONFIRMED',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

/** A zone that exists nowhere else, so only the embedded definition can give its offset. */
const fixedZone = [
  'BEGIN:VTIMEZONE',
  'TZID:Test/Plus-Five',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0500',
  'TZOFFSETTO:+0500',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
];

describe('parseCalendarEvent', () => {
  it('interprets a TZID with the VTIMEZONE embedded in the calendar', () => {
    const parsed = parseCalendarEvent(
      calendar('DTSTART;TZID=Test/Plus-Five:20260601T090000', fixedZone),
    );

    expect(parsed.startsAt.toISOString()).toBe('2026-06-01T04:00:00.000Z');
    expect(parsed.startTzid).toBe('Test/Plus-Five');
    expect(parsed.startWallClock).toBe('2026-06-01T09:00:00');
  });

  it('reads UTC times without a TZID', () => {
    const parsed = parseCalendarEvent(calendar('DTSTART:20260601T090000Z'));

    expect(parsed.startsAt.toISOString()).toBe('2026-06-01T09:00:00.000Z');
    expect(parsed.startTzid).toBeNull();
    expect(parsed.startWallClock).toBe('2026-06-01T09:00:00');
  });

  it('defaults a missing SEQUENCE to 0 and missing texts to empty or null', () => {
    const parsed = parseCalendarEvent(calendar('DTSTART:20260601T090000Z'));

    expect(parsed).toMatchObject({
      uid: 'event-1@test',
      method: 'PUBLISH',
      sequence: 0,
      summary: 'Atelier',
      description: '',
      location: null,
      url: null,
      status: 'CONFIRMED',
    });
  });

  it('accepts LF line endings, as some mail clients rewrite them', () => {
    const ics = calendar('DTSTART:20260601T090000Z').replace(/\r\n/g, '\n');

    expect(parseCalendarEvent(ics).summary).toBe('Atelier');
  });

  it('refuses times it cannot place on the time line rather than use the host zone', () => {
    expect(() => parseCalendarEvent(calendar('DTSTART;TZID=Nowhere/Land:20260601T090000'))).toThrow(
      /DTSTART has no time zone/,
    );
    expect(() => parseCalendarEvent(calendar('DTSTART:20260601T090000'))).toThrow(
      /DTSTART has no time zone/,
    );
  });

  it('refuses a calendar without an event', () => {
    expect(() => parseCalendarEvent('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n')).toThrow(
      /no VEVENT/,
    );
  });
});
