import { Injectable } from '@nestjs/common';
import { BookingFactsService } from '@mutualis/booking';
import { ContactDirectoryService, Locale } from '@mutualis/identity';
import type { SurveyInvitationRow } from '../repositories/survey.repository';

export interface SurveyRecipient {
  name: string;
  email: string;
  locale: Locale;
}

/**
 * Who an invitation is for, read where it lives: a trainee from their booking's seat, an
 * organisation's contact from their account. Invitations keep no name nor address, so an
 * erased or anonymised person is no longer found here (and is not written to).
 */
@Injectable()
export class SurveyRespondentsService {
  constructor(
    private readonly bookings: BookingFactsService,
    private readonly contacts: ContactDirectoryService,
  ) {}

  async of(
    sessionId: string,
    invitations: Pick<SurveyInvitationRow, 'id' | 'attendeeId' | 'userId'>[],
  ): Promise<Map<string, SurveyRecipient>> {
    const needsTrainees = invitations.some((invitation) => invitation.attendeeId);
    const trainees = needsTrainees ? await this.bookings.traineesOfSession(sessionId) : [];
    const seats = new Map(trainees.map((trainee) => [trainee.attendeeId, trainee]));
    const userIds = invitations.flatMap((invitation) =>
      invitation.userId ? [invitation.userId] : [],
    );
    const accounts = new Map(
      (await this.contacts.usersByIds(userIds)).map((contact) => [contact.userId, contact]),
    );
    const found = new Map<string, SurveyRecipient>();
    for (const invitation of invitations) {
      if (invitation.attendeeId) {
        const seat = seats.get(invitation.attendeeId);
        // Trainees may have no account: French, the Chambre's language.
        if (seat && deliverable(seat.email))
          found.set(invitation.id, { name: seat.name, email: seat.email, locale: 'fr' });
      } else if (invitation.userId) {
        const contact = accounts.get(invitation.userId);
        if (contact && deliverable(contact.email))
          found.set(invitation.id, {
            name: contact.name ?? contact.email,
            email: contact.email,
            locale: contact.locale,
          });
      }
    }
    return found;
  }
}

/** Anonymised seats carry an address under the reserved `.invalid` domain (RFC 2606). */
export function deliverable(email: string | null): email is string {
  return !!email && !email.toLowerCase().endsWith('.invalid');
}
