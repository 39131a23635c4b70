import { Injectable } from '@nestjs/common';
import { BookingFactsService } from '@mutualis/booking';
import { CatalogueFactsService } from '@mutualis/catalogue';
import { ContactDirectoryService, OrganisationDirectoryService } from '@mutualis/identity';
import { CompletionDocumentsPayload, SessionAttendanceService } from '@mutualis/training';
import { AttachmentRef } from '../entities/notification-delivery.entity';
import { PlannedDelivery } from '../repositories/delivery.repository';
import { deliveryTo } from './notification-planner';
import { WebLinks } from './web-links';

/**
 * The mail of a trainee's completion documents (attestation de fin de formation and certificat de
 * réalisation, both attached): to the trainee at the address the booking gave for them (they may
 * have no account), and to the person who booked for the organisation, who files them with its
 * OPCO. One message per recipient and event (the log's key), so a replay sends nothing twice.
 */
@Injectable()
export class TrainingCompletionPlanner {
  constructor(
    private readonly catalogue: CatalogueFactsService,
    private readonly attendance: SessionAttendanceService,
    private readonly bookings: BookingFactsService,
    private readonly contacts: ContactDirectoryService,
    private readonly organisations: OrganisationDirectoryService,
    private readonly links: WebLinks,
  ) {}

  async completionDocuments(
    key: string,
    payload: CompletionDocumentsPayload,
  ): Promise<PlannedDelivery[]> {
    const [session, attendance, booking] = await Promise.all([
      this.catalogue.session(payload.sessionId),
      this.attendance.of(payload.sessionId),
      this.bookings.forNotice(payload.bookingId),
    ]);
    const trainee = attendance.trainees.find(
      (candidate) => candidate.attendeeId === payload.attendeeId,
    );
    if (!session || !booking || !trainee) return [];
    const attachments: AttachmentRef[] = [
      { kind: 'document', documentId: payload.attestationId },
      { kind: 'document', documentId: payload.certificateId },
    ];
    const moment = {
      offeringTitle: session.offeringTitle,
      startsAt: session.startsAt.toISOString(),
      endsAt: session.endsAt.toISOString(),
      attendedMinutes: trainee.attendedMinutes,
      scheduledMinutes: trainee.scheduledMinutes,
    };
    const planned: PlannedDelivery[] = [];
    if (trainee.email) {
      const contact = await this.contacts.byEmail(trainee.email);
      planned.push(
        deliveryTo(
          key,
          { ...contact, email: trainee.email },
          'training-completion-trainee',
          moment,
          attachments,
        ),
      );
    }
    const [[booker], names] = await Promise.all([
      this.contacts.usersByIds([booking.bookedBy]),
      this.organisations.legalNamesOf([booking.organisationId]),
    ]);
    // A person who booked for themselves has had their own message as the trainee.
    if (booker && booker.email.toLowerCase() !== trainee.email?.toLowerCase()) {
      planned.push(
        deliveryTo(
          key,
          booker,
          'training-completion-organisation',
          {
            ...moment,
            traineeName: trainee.name,
            organisationName: names.get(booking.organisationId) ?? '',
            bookingUrl: this.links.booking(booking.bookingId),
          },
          attachments,
        ),
      );
    }
    return planned;
  }
}
