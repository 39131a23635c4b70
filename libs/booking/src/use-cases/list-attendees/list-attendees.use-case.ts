import { Injectable } from '@nestjs/common';
import { CatalogueFactsService, OfferingAccessService } from '@mutualis/catalogue';
import { Actor, OrganisationDirectoryService } from '@mutualis/identity';
import { BookingStatus } from '../../booking.types';
import { BookingRepository } from '../../repositories/booking.repository';
import { AttendeeView } from '../../views/booking.view';
import { sessionNotFound } from '../mark-attendance/mark-attendance.use-case';

export interface AttendeeListEntry extends AttendeeView {
  bookingId: string;
  bookingStatus: BookingStatus;
  organisationId: string;
  organisationName: string;
}

/** A session's attendees, for its consultant and admins only (anyone else: not found). */
@Injectable()
export class ListAttendeesUseCase {
  constructor(
    private readonly catalogue: CatalogueFactsService,
    private readonly offerings: OfferingAccessService,
    private readonly bookings: BookingRepository,
    private readonly directory: OrganisationDirectoryService,
  ) {}

  async execute(actor: Actor, sessionId: string): Promise<AttendeeListEntry[]> {
    const offeringId = await this.catalogue.offeringIdOfSession(sessionId);
    if (!offeringId) throw sessionNotFound();
    await this.offerings.getManagedForReading(actor, offeringId).catch(() => {
      throw sessionNotFound();
    });
    const seated = await this.bookings.seatedOnSession(sessionId);
    const [attendees, names] = await Promise.all([
      this.bookings.attendeesOf(seated.map((booking) => booking.id)),
      this.directory.legalNamesOf(seated.map((booking) => booking.organisationId)),
    ]);
    const byId = new Map(seated.map((booking) => [booking.id, booking]));
    return attendees.map((attendee) => {
      const booking = byId.get(attendee.bookingId)!;
      return {
        id: attendee.id,
        name: attendee.name,
        email: attendee.email,
        attendance: attendee.attendance,
        bookingId: booking.id,
        bookingStatus: booking.status,
        organisationId: booking.organisationId,
        organisationName: names.get(booking.organisationId) ?? '',
      };
    });
  }
}
