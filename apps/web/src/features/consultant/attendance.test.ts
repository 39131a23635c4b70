import { describe, expect, it } from 'vitest';
import { changedMarks, groupByOrganisation, isMarkable } from './attendance';
import type { AttendeeEntry } from './types';

function entry(overrides: Partial<AttendeeEntry>): AttendeeEntry {
  return {
    id: 'a1',
    name: 'Camille',
    email: 'camille@example.fr',
    attendance: null,
    bookingId: 'b1',
    bookingStatus: 'confirmed',
    organisationId: 'o1',
    organisationName: 'Les Jardins du Var',
    ...overrides,
  };
}

describe('attendance sheet', () => {
  it('lets only confirmed or already marked bookings be marked', () => {
    expect(isMarkable(entry({ bookingStatus: 'confirmed' }))).toBe(true);
    expect(isMarkable(entry({ bookingStatus: 'no_show' }))).toBe(true);
    expect(isMarkable(entry({ bookingStatus: 'pending_payment' }))).toBe(false);
    expect(isMarkable(entry({ bookingStatus: 'waitlisted' }))).toBe(false);
  });

  it('groups attendees by organisation, both in alphabetical order', () => {
    const groups = groupByOrganisation([
      entry({ id: 'a1', name: 'Zoé', organisationId: 'o2', organisationName: 'Scop Azur' }),
      entry({ id: 'a2', name: 'Élodie', organisationId: 'o1' }),
      entry({ id: 'a3', name: 'Ahmed', organisationId: 'o2', organisationName: 'Scop Azur' }),
      entry({ id: 'a4', name: 'Bruno', organisationId: 'o1' }),
    ]);
    expect(groups.map((group) => group.organisationName)).toEqual([
      'Les Jardins du Var',
      'Scop Azur',
    ]);
    expect(groups[0].attendees.map((attendee) => attendee.name)).toEqual(['Bruno', 'Élodie']);
    expect(groups[1].attendees.map((attendee) => attendee.name)).toEqual(['Ahmed', 'Zoé']);
  });

  it('sends only the marks that change what the api holds, for markable attendees', () => {
    const entries = [
      entry({ id: 'a1', attendance: 'present' }),
      entry({ id: 'a2' }),
      entry({ id: 'a3', bookingStatus: 'cancelled' }),
      entry({ id: 'a4' }),
    ];
    expect(changedMarks(entries, { a1: 'present', a2: 'absent', a3: 'present' })).toEqual([
      { attendeeId: 'a2', attendance: 'absent' },
    ]);
  });
});
