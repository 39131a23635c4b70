import { describe, expect, it } from 'vitest';
import { rescheduleInput, sessionToReschedule } from './reschedule-form';

const session = {
  id: 'session-1',
  offeringId: 'offering-1',
  // 09:00–17:00 in Paris, winter time.
  startsAt: '2027-01-14T08:00:00.000Z',
  endsAt: '2027-01-15T16:00:00.000Z',
  capacity: 10,
  seatsLeft: 8,
  location: 'Cité des associations, Marseille',
  remoteUrl: null,
  registrationDeadline: '2027-01-13T08:00:00.000Z',
  status: 'scheduled' as const,
  price: { unitPriceCents: 18_000, memberPrice: true },
};

describe('moving a session', () => {
  it('shows its times in Paris and sends nothing that did not change', () => {
    const values = sessionToReschedule(session);
    expect(values).toEqual({
      startsAt: '2027-01-14T09:00',
      endsAt: '2027-01-15T17:00',
      location: 'Cité des associations, Marseille',
      remoteUrl: '',
    });
    expect(rescheduleInput(session, values)).toEqual({ input: {} });
  });

  it('sends the new Paris times with their offset, and a place changed', () => {
    const result = rescheduleInput(session, {
      ...sessionToReschedule(session),
      startsAt: '2027-01-21T09:00',
      endsAt: '2027-01-22T17:00',
      location: ' Maison des associations ',
    });
    expect(result).toEqual({
      input: {
        startsAt: '2027-01-21T09:00:00+01:00',
        endsAt: '2027-01-22T17:00:00+01:00',
        location: 'Maison des associations',
      },
    });
  });

  it('refuses a time that does not exist in Paris (the clocks go forward)', () => {
    const result = rescheduleInput(session, {
      ...sessionToReschedule(session),
      startsAt: '2027-03-28T02:30',
    });
    expect(result).toEqual({ errors: ['startsAt'] });
  });
});
