import type { Checked, FieldErrors } from './offering-form';
import { parisLocalToIso } from './paris-time';
import type { SessionInput, WeeklyPattern } from './types';

/** A session as typed: datetime-local values are Paris wall-clock times. */
export interface SessionFormValues {
  startsAt: string;
  endsAt: string;
  capacity: string;
  location: string;
  remoteUrl: string;
  /** Empty: the api closes registration a day before the start. */
  registrationDeadline: string;
}

export const EMPTY_SESSION_FORM: SessionFormValues = {
  startsAt: '',
  endsAt: '',
  capacity: '12',
  location: '',
  remoteUrl: '',
  registrationDeadline: '',
};

// "must be a valid ISO 8601 date": <Field> reads it as "enter a valid date".
const NOT_A_PARIS_TIME = 'must be a valid ISO 8601 date';

/** The session form as the api's ScheduleSessionDto, or the fields that cannot be sent. */
export function sessionFormToInput(values: SessionFormValues): Checked<SessionInput> {
  const errors: FieldErrors = {};
  const startsAt = parisLocalToIso(values.startsAt);
  const endsAt = parisLocalToIso(values.endsAt);
  const deadline = values.registrationDeadline
    ? parisLocalToIso(values.registrationDeadline)
    : undefined;
  const capacity = /^\d+$/.test(values.capacity.trim()) ? Number(values.capacity) : null;
  if (!startsAt) errors.startsAt = NOT_A_PARIS_TIME;
  if (!endsAt) errors.endsAt = NOT_A_PARIS_TIME;
  if (deadline === null) errors.registrationDeadline = NOT_A_PARIS_TIME;
  if (capacity === null) errors.capacity = 'must be an integer number';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      startsAt: startsAt!,
      endsAt: endsAt!,
      capacity: capacity!,
      location: values.location.trim() || null,
      remoteUrl: values.remoteUrl.trim() || null,
      ...(deadline ? { registrationDeadline: deadline } : {}),
    },
  };
}

/** A weekly pattern of consultation slots as typed. */
export interface PatternFormValues {
  from: string;
  to: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** "09:30, 14:00" */
  startTimes: string;
  /** Empty: the offering's duration. */
  durationMinutes: string;
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Start times typed as a list ("9:30, 14h00 ; 16:00") in the api's HH:mm form, or null. */
export function parseStartTimes(text: string): string[] | null {
  const pieces = text
    .split(/[\s,;]+/)
    .map((piece) => piece.trim())
    .filter(Boolean);
  if (pieces.length === 0) return null;
  const times: string[] = [];
  for (const piece of pieces) {
    const match = /^(\d{1,2})[:hH](\d{2})?$/.exec(piece);
    if (!match) return null;
    const hours = Number(match[1]);
    const minutes = Number(match[2] ?? '0');
    if (hours > 23 || minutes > 59) return null;
    times.push(`${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`);
  }
  return [...new Set(times)].sort();
}

/** The pattern form as the api's WeeklyPatternDto; errors under the api's `pattern.*` paths. */
export function patternFormToInput(values: PatternFormValues): Checked<WeeklyPattern> {
  const errors: FieldErrors = {};
  const startTimes = parseStartTimes(values.startTimes);
  const duration = values.durationMinutes.trim();
  if (!values.from) errors['pattern.from'] = 'should not be empty';
  if (!values.to) errors['pattern.to'] = 'should not be empty';
  if (values.weekdays.length === 0) errors['pattern.weekdays'] = 'should not be empty';
  if (!startTimes) errors['pattern.startTimes'] = 'must contain times HH:mm';
  if (duration && !/^\d+$/.test(duration)) {
    errors['pattern.durationMinutes'] = 'must be an integer number';
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      from: values.from,
      to: values.to,
      weekdays: [...values.weekdays].sort((a, b) => a - b),
      startTimes: startTimes!,
      ...(duration ? { durationMinutes: Number(duration) } : {}),
    },
  };
}
