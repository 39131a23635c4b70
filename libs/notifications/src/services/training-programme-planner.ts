import { Injectable } from '@nestjs/common';
import { BookingFactsService } from '@mutualis/booking';
import { CatalogueFactsService } from '@mutualis/catalogue';
import { ContactDirectoryService, OrganisationDirectoryService } from '@mutualis/identity';
import { ConvocationIssuedPayload, TrainingDocumentsService } from '@mutualis/training';
import { PlannedDelivery } from '../repositories/delivery.repository';
import { deliveryTo } from './notification-planner';
import { WebLinks } from './web-links';

/**
 * The mail of a training's programme side: each trainee receives their convocation (the PDF
 * attached), at their own address; a trainee without one, through the person who booked.
 */
@Injectable()
export class TrainingProgrammePlanner {
  constructor(
    private readonly bookings: BookingFactsService,
    private readonly catalogue: CatalogueFactsService,
    private readonly contacts: ContactDirectoryService,
    private readonly organisations: OrganisationDirectoryService,
    private readonly documents: TrainingDocumentsService,
    private readonly links: WebLinks,
  ) {}

  /**
   * Nothing when the booking is no longer confirmed on that session, or when this convocation was
   * replaced by a later version before it was sent (the later one is mailed on its own event).
   */
  async convocation(key: string, payload: ConvocationIssuedPayload): Promise<PlannedDelivery[]> {
    const [booking, session, trainees, link] = await Promise.all([
      this.bookings.forNotice(payload.bookingId),
      this.catalogue.session(payload.sessionId),
      this.bookings.traineesOfSession(payload.sessionId),
      this.documents.latest(`convocation:${payload.attendeeId}`),
    ]);
    if (!booking || booking.status !== 'confirmed' || booking.sessionId !== payload.sessionId) {
      return [];
    }
    if (!session || session.status !== 'scheduled') return [];
    if (link?.document.id !== payload.documentId) return [];
    const trainee = trainees.find((candidate) => candidate.attendeeId === payload.attendeeId);
    if (!trainee) return [];
    const recipient = trainee.email
      ? { userId: null, email: trainee.email, name: trainee.name, locale: 'fr' as const }
      : (await this.contacts.usersByIds([booking.bookedBy]))[0];
    if (!recipient) return [];
    const names = await this.organisations.legalNamesOf([booking.organisationId]);
    return [
      deliveryTo(
        key,
        recipient,
        'training-convocation',
        {
          offeringTitle: session.offeringTitle,
          startsAt: session.startsAt.toISOString(),
          endsAt: session.endsAt.toISOString(),
          location: session.location,
          remoteUrl: session.remoteUrl,
          traineeName: trainee.name,
          organisationName: names.get(booking.organisationId) ?? null,
          revised: payload.revised,
          ...(trainee.email ? {} : { toBooker: true }),
          offeringUrl: this.links.offering(session.offeringId),
        },
        [{ kind: 'document', documentId: payload.documentId }],
      ),
    ];
  }
}
