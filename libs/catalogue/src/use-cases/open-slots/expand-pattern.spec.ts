import { expandPattern } from './open-slots.use-case';

describe('weekly slot pattern', () => {
  it('places slots at local Paris times on the chosen weekdays, across the change to winter time', () => {
    // 2026-10-25 is the last Sunday of October: Paris goes from UTC+2 to UTC+1.
    const slots = expandPattern(
      { from: '2026-10-19', to: '2026-10-30', weekdays: [1, 5], startTimes: ['09:00', '14:30'] },
      60,
    );
    expect(slots.map((slot) => slot.startsAt.toISOString())).toEqual([
      '2026-10-19T07:00:00.000Z', // Monday, summer time
      '2026-10-19T12:30:00.000Z',
      '2026-10-23T07:00:00.000Z', // Friday, summer time
      '2026-10-23T12:30:00.000Z',
      '2026-10-26T08:00:00.000Z', // Monday, winter time
      '2026-10-26T13:30:00.000Z',
      '2026-10-30T08:00:00.000Z',
      '2026-10-30T13:30:00.000Z',
    ]);
    expect(
      slots.every((slot) => slot.endsAt.getTime() - slot.startsAt.getTime() === 3_600_000),
    ).toBe(true);
  });

  it('uses the given duration over the offering’s', () => {
    const [slot] = expandPattern(
      {
        from: '2027-01-04',
        to: '2027-01-04',
        weekdays: [1],
        startTimes: ['10:00'],
        durationMinutes: 90,
      },
      60,
    );
    expect(slot.endsAt.toISOString()).toBe('2027-01-04T10:30:00.000Z');
  });

  it('refuses a range that ends before it starts', () => {
    expect(() =>
      expandPattern(
        { from: '2027-02-01', to: '2027-01-01', weekdays: [1], startTimes: ['10:00'] },
        60,
      ),
    ).toThrow(/pattern.to/);
  });
});
