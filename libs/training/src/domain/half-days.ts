import { DateTime } from 'luxon';
import type { HalfDayPeriod } from '../training.types';

const PARIS = 'Europe/Paris';
/** The lunch break the half-days leave out, in Paris wall-clock time. */
const LUNCH_STARTS = { hour: 12, minute: 30 };
const LUNCH_ENDS = { hour: 13, minute: 30 };

export interface HalfDaySpan {
  /** The Paris calendar day, YYYY-MM-DD. */
  day: string;
  period: HalfDayPeriod;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Cuts a session into the half-days trainees sign for. A session spanning several days runs each
 * day from its start time to its end time (Paris time); a day that runs through lunch
 * (12:30–13:30) is a morning and an afternoon, one that does not is the half it falls in.
 * E.g. 9:00–17:00 on two days: four half-days of 3 h 30, 14 h in all.
 */
export function splitIntoHalfDays(startsAt: Date, endsAt: Date): HalfDaySpan[] {
  const start = DateTime.fromJSDate(startsAt, { zone: PARIS });
  const end = DateTime.fromJSDate(endsAt, { zone: PARIS });
  if (end <= start) return [];
  const days = Math.round(end.startOf('day').diff(start.startOf('day'), 'days').days);
  const dailyEnd =
    days === 0 || end.toFormat('HH:mm') > start.toFormat('HH:mm')
      ? { hour: end.hour, minute: end.minute }
      : { hour: 17, minute: 0 };
  const spans: HalfDaySpan[] = [];
  for (let offset = 0; offset <= days; offset++) {
    const date = start.startOf('day').plus({ days: offset });
    const from = offset === 0 ? start : date.set({ hour: start.hour, minute: start.minute });
    const to = offset === days ? end : date.set(dailyEnd);
    if (to <= from) continue;
    const lunch = date.set(LUNCH_STARTS);
    const afterLunch = date.set(LUNCH_ENDS);
    const day = date.toISODate()!;
    if (to <= afterLunch && from < lunch) {
      spans.push(span(day, 'morning', from, to < lunch ? to : lunch));
    } else if (from >= lunch) {
      spans.push(span(day, 'afternoon', from > afterLunch ? from : afterLunch, to));
    } else {
      spans.push(span(day, 'morning', from, lunch));
      spans.push(span(day, 'afternoon', afterLunch, to));
    }
  }
  return spans.filter((half) => half.endsAt > half.startsAt);
}

function span(day: string, period: HalfDayPeriod, from: DateTime, to: DateTime): HalfDaySpan {
  return { day, period, startsAt: from.toJSDate(), endsAt: to.toJSDate() };
}

export function minutesOf(half: { startsAt: Date; endsAt: Date }): number {
  return Math.round((half.endsAt.getTime() - half.startsAt.getTime()) / 60_000);
}
