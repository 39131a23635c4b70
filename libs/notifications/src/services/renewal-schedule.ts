import { DateTime } from 'luxon';

/** The stage of a renewal's chasing: a reminder some days after issue, or the final notice. */
export type RenewalStage = `reminder-${number}` | 'final-notice';

export interface RenewalTimetable {
  reminderDays: number[];
  finalNoticeDays: number;
}

/**
 * When a renewal invoice issued on `issueDate` is chased: each reminder day, then the final
 * notice, at 09:00 in Paris (never at night for a campaign launched in the evening).
 */
export function renewalSchedule(
  issueDate: string,
  timetable: RenewalTimetable,
): { stage: RenewalStage; final: boolean; at: Date }[] {
  const issued = DateTime.fromISO(issueDate, { zone: 'Europe/Paris' }).set({ hour: 9 });
  const reminders = [...new Set(timetable.reminderDays)]
    .filter((days) => days > 0 && days < timetable.finalNoticeDays)
    .sort((a, b) => a - b)
    .map((days) => ({
      stage: `reminder-${days}` as RenewalStage,
      final: false,
      at: issued.plus({ days }).toJSDate(),
    }));
  return [
    ...reminders,
    {
      stage: 'final-notice',
      final: true,
      at: issued.plus({ days: timetable.finalNoticeDays }).toJSDate(),
    },
  ];
}
