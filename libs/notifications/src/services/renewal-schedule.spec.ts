import { renewalSchedule } from './renewal-schedule';

describe('renewalSchedule', () => {
  it('chases a renewal on each reminder day, then the final notice, at 09:00 in Paris', () => {
    const schedule = renewalSchedule('2026-11-02', { reminderDays: [60, 30], finalNoticeDays: 75 });
    expect(schedule.map(({ stage, final, at }) => [stage, final, at.toISOString()])).toEqual([
      // 2 December: winter time (UTC+1).
      ['reminder-30', false, '2026-12-02T08:00:00.000Z'],
      ['reminder-60', false, '2027-01-01T08:00:00.000Z'],
      ['final-notice', true, '2027-01-16T08:00:00.000Z'],
    ]);
  });

  it('drops reminders that would come with or after the final notice, and duplicates', () => {
    const schedule = renewalSchedule('2026-05-04', {
      reminderDays: [30, 30, 75, 90],
      finalNoticeDays: 75,
    });
    expect(schedule.map(({ stage }) => stage)).toEqual(['reminder-30', 'final-notice']);
    // 3 June: summer time (UTC+2).
    expect(schedule[0].at.toISOString()).toBe('2026-06-03T07:00:00.000Z');
  });
});
