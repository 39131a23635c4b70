import { minutesOf, splitIntoHalfDays } from './half-days';

const paris = (local: string) => new Date(`${local}+01:00`);

describe('splitIntoHalfDays', () => {
  it('cuts a two-day 9:00–17:00 session into four half-days of 3 h 30', () => {
    const halves = splitIntoHalfDays(paris('2026-12-14T09:00:00'), paris('2026-12-15T17:00:00'));
    expect(halves.map((half) => `${half.day} ${half.period} ${minutesOf(half)}`)).toEqual([
      '2026-12-14 morning 210',
      '2026-12-14 afternoon 210',
      '2026-12-15 morning 210',
      '2026-12-15 afternoon 210',
    ]);
    expect(halves[1].startsAt).toEqual(paris('2026-12-14T13:30:00'));
  });

  it('keeps a morning-only or afternoon-only session as one half-day', () => {
    expect(
      splitIntoHalfDays(paris('2026-12-14T09:00:00'), paris('2026-12-14T12:00:00')).map(
        (half) => half.period,
      ),
    ).toEqual(['morning']);
    const afternoon = splitIntoHalfDays(paris('2026-12-14T14:00:00'), paris('2026-12-14T17:30:00'));
    expect(afternoon.map((half) => [half.period, minutesOf(half)])).toEqual([['afternoon', 210]]);
  });

  it('follows Paris time across the summer-time change', () => {
    const halves = splitIntoHalfDays(
      new Date('2026-03-28T08:00:00Z'),
      new Date('2026-03-29T15:00:00Z'),
    );
    expect(halves[2].startsAt).toEqual(new Date('2026-03-29T07:00:00Z'));
    expect(halves.map(minutesOf)).toEqual([210, 210, 210, 210]);
  });

  it('gives nothing for an empty span', () => {
    expect(splitIntoHalfDays(paris('2026-12-14T09:00:00'), paris('2026-12-14T09:00:00'))).toEqual(
      [],
    );
  });
});
