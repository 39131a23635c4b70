import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { parseCalendarEvent } from './parse-calendar';
import { CalendarEvent, sessionCalendar } from './session-calendar';

const winter: CalendarEvent = {
  uid: 'booking-5f0c2a9e-8d1b-4c3e-9a6f-1b2c3d4e5f60@mutualis',
  sequence: 0,
  method: 'PUBLISH',
  title: 'Gérer la paie associative',
  description: 'Session de formation.',
  startsAt: new Date('2026-12-01T08:00:00Z'),
  endsAt: new Date('2026-12-01T16:00:00Z'),
  location: '12 rue de la République, 13001 Marseille',
  url: 'https://mutualis.example/bookings/5f0c2a9e',
  organizer: { name: 'Mutualis', email: 'formations@mutualis.example' },
  stampedAt: new Date('2026-11-15T10:30:00.250Z'),
};

/** Content lines with folding undone, for asserting on what a property was written as. */
function contentLines(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n');
}

/**
 * Reads DTSTART/DTEND with ical.js alone (not through parseCalendarEvent), interpreting the
 * wall-clock value with a Timezone built from the calendar's own VTIMEZONE.
 */
function readTimes(ics: string): { start: Date; end: Date; zone: ICAL.Timezone } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vtimezone = calendar.getFirstSubcomponent('vtimezone');
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vtimezone || !vevent) throw new Error('missing VTIMEZONE or VEVENT');
  const zone = new ICAL.Timezone({ component: vtimezone });
  const read = (name: string): Date => {
    const property = vevent.getFirstProperty(name);
    expect(property?.getFirstParameter('tzid')).toBe(zone.tzid);
    const time = property?.getFirstValue() as ICAL.Time;
    const { year, month, day, hour, minute, second } = time;
    return new ICAL.Time({ year, month, day, hour, minute, second }, zone).toJSDate();
  };
  return { start: read('dtstart'), end: read('dtend'), zone };
}

describe('sessionCalendar', () => {
  it('writes a calendar with the Paris time zone and one event', () => {
    const lines = contentLines(sessionCalendar(winter));

    expect(lines.slice(0, 5)).toEqual([
      'BEGIN:VCALENDAR',
      'PRODID:-//Mutualis//Notifications//FR',
      'VERSION:2.0',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
    ]);
    const timezone = lines.slice(
      lines.indexOf('BEGIN:VTIMEZONE'),
      lines.indexOf('END:VTIMEZONE') + 1,
    );
    expect(timezone).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Europe/Paris',
      'BEGIN:STANDARD',
      'TZNAME:CET',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'DTSTART:19961027T030000',
      'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'TZNAME:CEST',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'DTSTART:19960331T020000',
      'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
      'END:DAYLIGHT',
      'END:VTIMEZONE',
    ]);
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines).toEqual(
      expect.arrayContaining([
        'UID:booking-5f0c2a9e-8d1b-4c3e-9a6f-1b2c3d4e5f60@mutualis',
        'SEQUENCE:0',
        'DTSTAMP:20261115T103000Z',
        'DTSTART;TZID=Europe/Paris:20261201T090000',
        'DTEND;TZID=Europe/Paris:20261201T170000',
        'SUMMARY:Gérer la paie associative',
        'URL:https://mutualis.example/bookings/5f0c2a9e',
        'ORGANIZER;CN=Mutualis:mailto:formations@mutualis.example',
        'STATUS:CONFIRMED',
        'TRANSP:OPAQUE',
      ]),
    );
    expect(lines.slice(-3)).toEqual(['END:VEVENT', 'END:VCALENDAR', '']);
  });

  it('keeps a winter session at the same instants, as 09:00 Paris time', () => {
    const ics = sessionCalendar(winter);

    const { start, end } = readTimes(ics);
    expect(start.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(end.toISOString()).toBe('2026-12-01T16:00:00.000Z');
    const parsed = parseCalendarEvent(ics);
    expect(parsed.startsAt).toEqual(winter.startsAt);
    expect(parsed.endsAt).toEqual(winter.endsAt);
    expect(parsed.startTzid).toBe('Europe/Paris');
    expect(parsed.startWallClock).toBe('2026-12-01T09:00:00');
  });

  it('keeps a summer session at the same instants, as 09:00 Paris time', () => {
    const summer = {
      ...winter,
      startsAt: new Date('2026-07-01T07:00:00Z'),
      endsAt: new Date('2026-07-01T15:00:00Z'),
    };
    const ics = sessionCalendar(summer);

    expect(contentLines(ics)).toContain('DTSTART;TZID=Europe/Paris:20260701T090000');
    const { start, end } = readTimes(ics);
    expect(start.toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(end.toISOString()).toBe('2026-07-01T15:00:00.000Z');
    const parsed = parseCalendarEvent(ics);
    expect(parsed.startsAt).toEqual(summer.startsAt);
    expect(parsed.startWallClock).toBe('2026-07-01T09:00:00');
  });

  it('keeps sessions next to the DST changes and spanning one at the same instants', () => {
    const sessions: Array<[string, string]> = [
      ['2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z'], // 01:30 CET to 03:30 CEST
      ['2026-10-24T23:30:00Z', '2026-10-25T02:30:00Z'], // 01:30 CEST to 03:30 CET
      ['2027-03-27T08:00:00Z', '2027-03-29T15:00:00Z'], // a weekend course across the change
      ['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z'], // 02:30 CEST to 02:30 CET
    ];
    for (const [startsAt, endsAt] of sessions) {
      const ics = sessionCalendar({
        ...winter,
        startsAt: new Date(startsAt),
        endsAt: new Date(endsAt),
      });
      const parsed = parseCalendarEvent(ics);
      expect([parsed.startsAt.toISOString(), parsed.endsAt.toISOString()]).toEqual([
        new Date(startsAt).toISOString(),
        new Date(endsAt).toISOString(),
      ]);
    }
  });

  it('writes times in the hour repeated in October in UTC, as readers disagree on them', () => {
    const ics = sessionCalendar({
      ...winter,
      startsAt: new Date('2026-10-25T00:30:00Z'),
      endsAt: new Date('2026-10-25T01:30:00Z'),
    });

    expect(contentLines(ics)).toEqual(
      expect.arrayContaining(['DTSTART:20261025T003000Z', 'DTEND:20261025T013000Z']),
    );
  });

  it('embeds a VTIMEZONE that places every Paris wall-clock hour where the IANA database does', () => {
    const { zone } = readTimes(sessionCalendar(winter));
    const mismatches: string[] = [];
    const from = DateTime.fromISO('2026-01-01T00:00:00Z', { zone: 'utc' });
    for (let hour = 0; hour < 2 * 366 * 24; hour += 1) {
      const paris = from.plus({ hours: hour }).setZone('Europe/Paris');
      // The hour repeated in October has two instants: no wall-clock time can tell them apart.
      if (paris.getPossibleOffsets().length > 1) continue;
      const { year, month, day, hour: h, minute, second } = paris;
      const time = new ICAL.Time({ year, month, day, hour: h, minute, second }, zone);
      if (time.toJSDate().getTime() !== paris.toMillis()) mismatches.push(paris.toISO() ?? '');
    }
    expect(mismatches).toEqual([]);
  });

  it('escapes text so that commas, semicolons, backslashes, newlines and accents round-trip', () => {
    const tricky = {
      ...winter,
      title: 'Comptabilité, fiscalité; et paie \\ associations',
      description: 'Ligne 1, avec virgule;\nLigne 2 : « guillemets » et "doubles"\n\nFin \\n.',
      location: 'Salle 2, 1er étage; bâtiment "B"\nAix-en-Provence',
    };
    const ics = sessionCalendar(tricky);

    expect(contentLines(ics)).toContain(
      'LOCATION:Salle 2\\, 1er étage\\; bâtiment "B"\\nAix-en-Provence',
    );
    const parsed = parseCalendarEvent(ics);
    expect(parsed.summary).toBe(tricky.title);
    expect(parsed.description).toBe(tricky.description);
    expect(parsed.location).toBe(tricky.location);
  });

  it('writes CRLF line endings, as a bare CR in a text value would break them', () => {
    const ics = sessionCalendar({ ...winter, description: 'Windows\r\nline\rbreaks' });

    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics).not.toMatch(/[^\r]\n/);
    expect(ics).not.toMatch(/\r[^\n]/);
    expect(parseCalendarEvent(ics).description).toBe('Windows\nline\nbreaks');
  });

  it('folds long lines at 75 octets without splitting characters', () => {
    const long = {
      ...winter,
      title: 'Formation « Éco-conception des services numériques » 🌱 '.repeat(4),
      description: 'Déjà prévu : ' + 'é'.repeat(200) + ', puis 😀 '.repeat(30),
      url: `https://visio.example/rooms/${'x'.repeat(150)}?token=abc`,
      organizer: { name: 'Chambre régionale de l’économie sociale et solidaire', email: 'a@b.fr' },
    };
    const ics = sessionCalendar(long);

    const lines = ics.split('\r\n');
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(5);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(ics).not.toContain('\uFFFD');
    const parsed = parseCalendarEvent(ics);
    expect(parsed.summary).toBe(long.title);
    expect(parsed.description).toBe(long.description);
    expect(parsed.url).toBe(long.url);
    expect(ICAL.foldLength).toBe(75);
  });

  it('quotes an organizer name that contains separators', () => {
    const ics = sessionCalendar({
      ...winter,
      organizer: { name: 'Mutualis, formations', email: 'formations@mutualis.example' },
    });

    expect(contentLines(ics)).toContain(
      'ORGANIZER;CN="Mutualis, formations":mailto:formations@mutualis.example',
    );
    const organizer = ICAL.Component.fromString(ics)
      .getFirstSubcomponent('vevent')
      ?.getFirstProperty('organizer');
    expect(organizer?.getFirstParameter('cn')).toBe('Mutualis, formations');
  });

  it('leaves out LOCATION and URL when there are none', () => {
    const ics = sessionCalendar({ ...winter, location: null, url: null });

    const parsed = parseCalendarEvent(ics);
    expect(parsed.location).toBeNull();
    expect(parsed.url).toBeNull();
    expect(ics).not.toMatch(/^(LOCATION|URL)[;:]/m);
  });

  it('marks a cancellation as such and keeps the UID and sequence', () => {
    const ics = sessionCalendar({ ...winter, method: 'CANCEL', sequence: 2 });

    expect(contentLines(ics)).toEqual(
      expect.arrayContaining(['METHOD:CANCEL', 'STATUS:CANCELLED', 'SEQUENCE:2']),
    );
    const parsed = parseCalendarEvent(ics);
    expect(parsed).toMatchObject({
      method: 'CANCEL',
      status: 'CANCELLED',
      uid: winter.uid,
      sequence: 2,
    });
  });

  it('refuses an event that does not end after it starts', () => {
    expect(() => sessionCalendar({ ...winter, endsAt: winter.startsAt })).toThrow(RangeError);
    expect(() => sessionCalendar({ ...winter, startsAt: new Date(Number.NaN) })).toThrow(
      RangeError,
    );
  });
});
