import { parisDate, parisStartOfDay, parisYear } from './clock';

describe('Paris calendar', () => {
  it('reads the year in Europe/Paris, not in UTC', () => {
    expect(parisYear(new Date('2026-12-31T22:30:00Z'))).toBe(2026);
    expect(parisYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
  });

  it('reads the date in Europe/Paris across summer time', () => {
    expect(parisDate(new Date('2026-07-14T22:30:00Z'))).toBe('2026-07-15');
    expect(parisDate(new Date('2026-01-14T22:30:00Z'))).toBe('2026-01-14');
  });
});

describe('parisStartOfDay', () => {
  it('is 23:00 UTC the day before in winter and 22:00 UTC in summer', () => {
    expect(parisStartOfDay('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(parisStartOfDay('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
  });

  it('handles the days the clocks change', () => {
    expect(parisStartOfDay('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(parisStartOfDay('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(parisStartOfDay('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});
