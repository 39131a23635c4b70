import { describe, expect, it } from 'vitest';
import type { Session, Slot } from '../types';
import {
  AttemptKeys,
  attendeesProblem,
  bookingBody,
  seatLimit,
  validateAttendees,
  type AttendeeRow,
  referenceProblems,
  referencesAsked,
} from './booking-form';

const session = (seatsLeft: number, capacity = 12) =>
  ({ kind: 'session', session: { id: 's1', seatsLeft, capacity } as Session }) as const;
const slot = { kind: 'slot', slot: { id: 'slot-1' } as Slot } as const;
const row = (name: string, email: string, key = 1): AttendeeRow => ({ key, name, email });

describe('seatLimit', () => {
  it('is the seats left, or the limit per organisation when lower', () => {
    expect(seatLimit({ maxSeatsPerOrganisation: null }, session(5))).toEqual({
      max: 5,
      reason: 'seats_left',
      waitlist: false,
    });
    expect(seatLimit({ maxSeatsPerOrganisation: 3 }, session(5))).toMatchObject({
      max: 3,
      reason: 'organisation',
    });
    expect(seatLimit({ maxSeatsPerOrganisation: 3 }, session(2))).toMatchObject({
      max: 2,
      reason: 'seats_left',
    });
  });

  it('lets a full session be booked onto the waitlist, up to its capacity', () => {
    expect(seatLimit({ maxSeatsPerOrganisation: null }, session(0, 8))).toEqual({
      max: 8,
      reason: 'capacity',
      waitlist: true,
    });
    expect(seatLimit({ maxSeatsPerOrganisation: 2 }, session(0, 8))).toMatchObject({
      max: 2,
      waitlist: true,
    });
  });

  it('seats 3 people at most in a consultation', () => {
    expect(seatLimit({ maxSeatsPerOrganisation: null }, slot)).toEqual({
      max: 3,
      reason: 'consultation',
      waitlist: false,
    });
  });
});

describe('validateAttendees', () => {
  it('accepts named attendees with distinct e-mail addresses', () => {
    expect(
      validateAttendees([row('Léa', 'lea@asso.fr', 1), row('Hugo', 'hugo@asso.fr', 2)], 3),
    ).toEqual({});
  });

  it('keys errors like the api, worded so that <Field> translates them', () => {
    expect(validateAttendees([row(' ', ''), row('Hugo', 'hugo@', 2)], 3)).toEqual({
      'attendees.0.name': 'name should not be empty',
      'attendees.0.email': 'email should not be empty',
      'attendees.1.email': 'email must be an email',
    });
  });

  it('refuses the same e-mail twice, whatever its case', () => {
    expect(
      validateAttendees([row('Léa', 'lea@asso.fr', 1), row('Léa 2', ' LEA@asso.fr', 2)], 3),
    ).toEqual({
      'attendees.1.email': 'must not repeat an e-mail address',
      attendees: 'must not repeat an e-mail address',
    });
  });

  it('refuses an empty list and more attendees than allowed', () => {
    expect(validateAttendees([], 3)).toEqual({ attendees: 'attendees should not be empty' });
    expect(validateAttendees([row('A', 'a@x.fr', 1), row('B', 'b@x.fr', 2)], 1).attendees).toBe(
      'at most 1',
    );
  });
});

describe('attendeesProblem', () => {
  it('turns the api’s and the form’s list problems into messages', () => {
    expect(attendeesProblem(undefined)).toBeNull();
    expect(attendeesProblem('must not repeat an e-mail address')).toEqual({
      key: 'book.attendees.duplicate',
    });
    expect(attendeesProblem('at most 12')).toEqual({ key: 'book.attendees.tooMany', count: 12 });
    expect(attendeesProblem('at most 1 more')).toEqual({
      key: 'book.attendees.organisationLeft',
      count: 1,
    });
    expect(attendeesProblem('something else')).toEqual({ key: 'book.attendees.invalid' });
  });
});

describe('bookingBody', () => {
  it('books a session or a slot for trimmed attendees', () => {
    expect(bookingBody('org-1', session(3), [row(' Léa ', ' lea@asso.fr ')])).toEqual({
      organisationId: 'org-1',
      sessionId: 's1',
      attendees: [{ name: 'Léa', email: 'lea@asso.fr' }],
    });
    expect(bookingBody('org-1', slot, [row('Léa', 'lea@asso.fr')])).toMatchObject({
      slotId: 'slot-1',
    });
  });
});

describe('AttemptKeys', () => {
  it('keeps one key for the same booking sent again, and takes a new one when it changes', () => {
    const keys = new AttemptKeys();
    const body = { organisationId: 'org-1', sessionId: 's1', attendees: [{ name: 'Léa' }] };
    const first = keys.keyFor(body);
    expect(keys.keyFor({ ...body })).toBe(first);
    const second = keys.keyFor({ ...body, sessionId: 's2' });
    expect(second).not.toBe(first);
    expect(new AttemptKeys().keyFor(body)).not.toBe(first);
  });
});

describe('the Chorus Pro references of a public body’s booking', () => {
  const structure = {
    engagementNumberRequired: true,
    serviceCodeRequired: true,
    defaultServiceCode: null,
  };

  it('asks for the references the structure requires, and none of another organisation', () => {
    expect(referencesAsked(structure)).toEqual({ engagementNumber: true, serviceCode: true });
    expect(referencesAsked(null)).toEqual({ engagementNumber: false, serviceCode: false });
  });

  it('finds a required reference missing when blank, unless the structure has a default service code', () => {
    expect(referenceProblems(structure, { engagementNumber: ' ', serviceCode: '' })).toEqual({
      engagementNumber: 'book.references.engagementNumberMissing',
      serviceCode: 'book.references.serviceCodeMissing',
    });
    expect(
      referenceProblems(
        { ...structure, defaultServiceCode: 'SERV' },
        { engagementNumber: 'EJ-1', serviceCode: '' },
      ),
    ).toEqual({});
  });

  it('sends the references trimmed, and leaves blank ones out', () => {
    const target = { kind: 'slot', slot: { id: 'slot-1' } } as Parameters<typeof bookingBody>[1];
    expect(
      bookingBody('org-1', target, [], { engagementNumber: ' EJ-1 ', serviceCode: '  ' }),
    ).toEqual({
      organisationId: 'org-1',
      slotId: 'slot-1',
      attendees: [],
      engagementNumber: 'EJ-1',
    });
  });
});
