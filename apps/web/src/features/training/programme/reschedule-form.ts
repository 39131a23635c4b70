import type { components } from '../../../api/schema';
import { isoToParisLocal, parisLocalToIso } from '../../consultant/paris-time';

export type RescheduleInput = components['schemas']['RescheduleSessionDto'];
type Session = components['schemas']['SessionDto'];

export interface RescheduleValues {
  /** Paris wall-clock, as datetime-local inputs hold it. */
  startsAt: string;
  endsAt: string;
  location: string;
  remoteUrl: string;
}

export function sessionToReschedule(session: Session): RescheduleValues {
  return {
    startsAt: isoToParisLocal(session.startsAt),
    endsAt: isoToParisLocal(session.endsAt),
    location: session.location ?? '',
    remoteUrl: session.remoteUrl ?? '',
  };
}

/**
 * Only what changed, as the api takes it (a cleared place or link sent as null); the field keys
 * of what cannot be read as typed (a time that does not exist in Paris).
 */
export function rescheduleInput(
  session: Session,
  values: RescheduleValues,
): { input: RescheduleInput; errors?: undefined } | { input?: undefined; errors: string[] } {
  const initial = sessionToReschedule(session);
  const input: RescheduleInput = {};
  const errors: string[] = [];
  for (const key of ['startsAt', 'endsAt'] as const) {
    if (values[key] === initial[key]) continue;
    const iso = parisLocalToIso(values[key]);
    if (iso) input[key] = iso;
    else errors.push(key);
  }
  for (const key of ['location', 'remoteUrl'] as const) {
    if (values[key].trim() !== initial[key]) input[key] = values[key].trim() || null;
  }
  return errors.length > 0 ? { errors } : { input };
}
