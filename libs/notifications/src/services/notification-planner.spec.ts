import { overdueSchedule } from './notification-planner';

describe('dunning schedule', () => {
  it('sends each letter at 09:00 in Paris, 7, 15 and 30 days after the due date, across DST', () => {
    // Due 20 March 2027: the clocks go forward on 28 March, so stage 15 is in summer time.
    expect(overdueSchedule('2027-03-20').map(({ stage, at }) => [stage, at.toISOString()])).toEqual(
      [
        [7, '2027-03-27T08:00:00.000Z'],
        [15, '2027-04-04T07:00:00.000Z'],
        [30, '2027-04-19T07:00:00.000Z'],
      ],
    );
  });
});
