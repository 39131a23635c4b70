import { Injectable } from '@nestjs/common';
import { AttendanceOpeningsService } from '@mutualis/training';
import { PlannedDelivery } from '../repositories/delivery.repository';

/**
 * Émargement mail (issue 21 §4): as a half-day opens, each trainee who has not signed gets their
 * personal link. Trainees need no account: the message goes to the address on the booking, in
 * French. The log keeps the half-day and trainee, the link is derived at send time.
 */
@Injectable()
export class AttendanceMailPlanner {
  constructor(private readonly openings: AttendanceOpeningsService) {}

  async halfDayOpening(key: string, halfDayId: string): Promise<PlannedDelivery[]> {
    const opening = await this.openings.openingOf(halfDayId);
    if (!opening) return [];
    return opening.recipients.map((recipient) => ({
      eventKey: key,
      recipient: recipient.email,
      userId: null,
      template: 'attendance-signing-link',
      locale: 'fr',
      params: {
        halfDayId,
        attendeeId: recipient.attendeeId,
        offeringTitle: opening.offeringTitle,
        period: opening.halfDay.period,
        startsAt: opening.halfDay.startsAt.toISOString(),
        endsAt: opening.halfDay.endsAt.toISOString(),
        closesAt: opening.closesAt.toISOString(),
        location: opening.location,
        remoteUrl: opening.remoteUrl,
      },
      attachments: [],
    }));
  }
}
