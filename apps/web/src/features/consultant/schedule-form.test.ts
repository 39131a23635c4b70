import { describe, expect, it } from 'vitest';
import {
  EMPTY_SESSION_FORM,
  parseStartTimes,
  patternFormToInput,
  sessionFormToInput,
} from './schedule-form';

describe('session form ↔ api', () => {
  it('sends Paris wall-clock times as instants with their offset', () => {
    const result = sessionFormToInput({
      ...EMPTY_SESSION_FORM,
      startsAt: '2027-03-26T09:00',
      endsAt: '2027-03-26T17:00',
      capacity: '12',
      location: ' Cité des associations, Marseille ',
      registrationDeadline: '2027-03-28T10:00',
    });
    expect(result.input).toEqual({
      startsAt: '2027-03-26T09:00:00+01:00',
      endsAt: '2027-03-26T17:00:00+01:00',
      capacity: 12,
      location: 'Cité des associations, Marseille',
      remoteUrl: null,
      registrationDeadline: '2027-03-28T10:00:00+02:00',
    });
  });

  it('leaves the registration deadline to the api when it is not given', () => {
    const result = sessionFormToInput({
      ...EMPTY_SESSION_FORM,
      startsAt: '2027-07-01T09:00',
      endsAt: '2027-07-01T12:00',
      remoteUrl: 'https://visio.example/abc',
    });
    expect(result.input).not.toHaveProperty('registrationDeadline');
    expect(result.input?.remoteUrl).toBe('https://visio.example/abc');
  });

  it('refuses a time skipped when the clocks go forward, and an empty start', () => {
    const result = sessionFormToInput({
      ...EMPTY_SESSION_FORM,
      startsAt: '',
      endsAt: '2027-03-28T02:30',
      capacity: 'douze',
    });
    expect(Object.keys(result.errors ?? {}).sort()).toEqual(['capacity', 'endsAt', 'startsAt']);
  });
});

describe('weekly pattern of consultation slots', () => {
  it('reads start times typed loosely as HH:mm, sorted, without repeats', () => {
    expect(parseStartTimes('14h, 9:30 ; 09:30 16h15')).toEqual(['09:30', '14:00', '16:15']);
    expect(parseStartTimes('')).toBeNull();
    expect(parseStartTimes('25:00')).toBeNull();
    expect(parseStartTimes('midi')).toBeNull();
  });

  it("sends the api's WeeklyPatternDto, with the duration only when given", () => {
    expect(
      patternFormToInput({
        from: '2027-01-04',
        to: '2027-03-26',
        weekdays: [3, 1],
        startTimes: '9:30, 14:00',
        durationMinutes: '',
      }).input,
    ).toEqual({
      from: '2027-01-04',
      to: '2027-03-26',
      weekdays: [1, 3],
      startTimes: ['09:30', '14:00'],
    });
    expect(
      patternFormToInput({
        from: '2027-01-04',
        to: '2027-01-04',
        weekdays: [1],
        startTimes: '10:00',
        durationMinutes: '45',
      }).input?.durationMinutes,
    ).toBe(45);
  });

  it("reports missing parts under the api's pattern.* paths", () => {
    const result = patternFormToInput({
      from: '',
      to: '',
      weekdays: [],
      startTimes: 'matin',
      durationMinutes: '1h',
    });
    expect(Object.keys(result.errors ?? {}).sort()).toEqual([
      'pattern.durationMinutes',
      'pattern.from',
      'pattern.startTimes',
      'pattern.to',
      'pattern.weekdays',
    ]);
  });
});
