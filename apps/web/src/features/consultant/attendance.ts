import type { Attendance, AttendanceMark, AttendeeEntry } from './types';

/** Only attendees of confirmed bookings (or already marked ones) can be marked; the api refuses others. */
export function isMarkable(entry: AttendeeEntry): boolean {
  return ['confirmed', 'attended', 'no_show'].includes(entry.bookingStatus);
}

export interface OrganisationGroup {
  organisationId: string;
  organisationName: string;
  attendees: AttendeeEntry[];
}

/** Attendees grouped by organisation (by name), as the consultant reads an attendance sheet. */
export function groupByOrganisation(entries: AttendeeEntry[]): OrganisationGroup[] {
  const groups = new Map<string, OrganisationGroup>();
  for (const entry of entries) {
    const group = groups.get(entry.organisationId) ?? {
      organisationId: entry.organisationId,
      organisationName: entry.organisationName,
      attendees: [],
    };
    group.attendees.push(entry);
    groups.set(entry.organisationId, group);
  }
  return [...groups.values()]
    .map((group) => ({
      ...group,
      attendees: [...group.attendees].sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    }))
    .sort((a, b) => a.organisationName.localeCompare(b.organisationName, 'fr'));
}

/** The marks to send: every markable attendee whose choice differs from what the api holds. */
export function changedMarks(
  entries: AttendeeEntry[],
  choices: Record<string, Attendance | undefined>,
): AttendanceMark[] {
  return entries.flatMap((entry) => {
    const choice = choices[entry.id];
    return isMarkable(entry) && choice && choice !== entry.attendance
      ? [{ attendeeId: entry.id, attendance: choice }]
      : [];
  });
}
