import { describe, expect, it } from 'vitest';
import { formatTimeRange } from './time-range';

describe('a session or slot time range', () => {
  it('names the day once for a session within a day, in Paris time', () => {
    expect(formatTimeRange('2027-06-18T07:00:00Z', '2027-06-18T14:00:00Z')).toBe(
      '18/06/2027 09:00 – 16:00',
    );
  });

  it('names both days when it runs past midnight in Paris', () => {
    expect(formatTimeRange('2027-01-14T08:00:00Z', '2027-01-15T16:00:00Z')).toBe(
      '14/01/2027 09:00 – 15/01/2027 17:00',
    );
  });
});
