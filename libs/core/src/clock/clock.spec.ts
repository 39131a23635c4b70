import { parisDate, parisYear } from './clock';

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
