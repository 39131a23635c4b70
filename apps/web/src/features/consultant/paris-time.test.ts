import { describe, expect, it } from 'vitest';
import { addMinutesToParisLocal, isoToParisLocal, parisLocalToIso, parisToday } from './paris-time';

describe('Paris wall-clock times', () => {
  it('gives winter times the +01:00 offset and summer times +02:00', () => {
    expect(parisLocalToIso('2027-01-14T09:00')).toBe('2027-01-14T09:00:00+01:00');
    expect(parisLocalToIso('2027-07-01T14:30')).toBe('2027-07-01T14:30:00+02:00');
  });

  it('switches offset on the very day the clocks go forward (28 March 2027)', () => {
    expect(parisLocalToIso('2027-03-28T01:30')).toBe('2027-03-28T01:30:00+01:00');
    expect(parisLocalToIso('2027-03-28T03:30')).toBe('2027-03-28T03:30:00+02:00');
  });

  it('refuses a time skipped when the clocks go forward', () => {
    expect(parisLocalToIso('2027-03-28T02:30')).toBeNull();
  });

  it('takes a time that happens twice when the clocks go back at its first occurrence', () => {
    expect(parisLocalToIso('2027-10-31T02:30')).toBe('2027-10-31T02:30:00+02:00');
    expect(parisLocalToIso('2027-10-31T03:30')).toBe('2027-10-31T03:30:00+01:00');
  });

  it('refuses what is not a date and time', () => {
    expect(parisLocalToIso('')).toBeNull();
    expect(parisLocalToIso('2027-02-30T09:00')).toBeNull();
    expect(parisLocalToIso('2027-01-14T24:00')).toBeNull();
    expect(parisLocalToIso('14/01/2027 09:00')).toBeNull();
  });

  it('shows an instant as the Paris wall clock, whatever its offset', () => {
    expect(isoToParisLocal('2027-01-14T08:00:00Z')).toBe('2027-01-14T09:00');
    expect(isoToParisLocal('2027-07-01T12:30:00.000Z')).toBe('2027-07-01T14:30');
    expect(isoToParisLocal('2027-07-01T23:30:00Z')).toBe('2027-07-02T01:30');
  });

  it('adds a duration on the real clock across a change of time', () => {
    expect(addMinutesToParisLocal('2027-01-14T09:00', 420)).toBe('2027-01-14T16:00');
    expect(addMinutesToParisLocal('2027-03-28T01:00', 120)).toBe('2027-03-28T04:00');
    expect(addMinutesToParisLocal('nonsense', 60)).toBeNull();
  });

  it("gives today's date in Paris, which may already be tomorrow in UTC terms", () => {
    expect(parisToday(new Date('2027-06-30T22:30:00Z'))).toBe('2027-07-01');
  });
});
