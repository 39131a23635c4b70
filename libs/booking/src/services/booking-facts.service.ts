import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConsultationSlot, Offering, TrainingSession, VatTreatment } from '@mutualis/catalogue';
import { BookingStatus } from '../booking.types';
import { BookingRepository } from '../repositories/booking.repository';

/** What the invoicing context needs to know of a booking, read in one place. */
export interface BookingFacts {
  bookingId: string;
  organisationId: string;
  status: BookingStatus;
  confirmedAt: Date | null;
  offeringTitle: string;
  serviceStartsAt: Date;
  serviceEndsAt: Date;
  location: string | null;
  seats: number;
  unitPriceCents: number;
  memberPrice: boolean;
  vatTreatment: VatTreatment;
  totalInclVatCents: number;
  attendeeNames: string[];
}

@Injectable()
export class BookingFactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingRepository,
  ) {}

  async forInvoice(bookingId: string): Promise<BookingFacts | null> {
    const booking = await this.bookings.findById(bookingId);
    if (!booking) return null;
    const manager = this.dataSource.manager;
    const [offering, session, slot, attendees] = await Promise.all([
      manager.findOneOrFail(Offering, { where: { id: booking.offeringId } }),
      booking.sessionId
        ? manager.findOne(TrainingSession, { where: { id: booking.sessionId } })
        : null,
      booking.slotId ? manager.findOne(ConsultationSlot, { where: { id: booking.slotId } }) : null,
      this.bookings.attendeesOf([booking.id]),
    ]);
    return {
      bookingId: booking.id,
      organisationId: booking.organisationId,
      status: booking.status,
      confirmedAt: booking.confirmedAt,
      offeringTitle: offering.title,
      serviceStartsAt: booking.serviceStartsAt,
      serviceEndsAt: session?.endsAt ?? slot?.endsAt ?? booking.serviceStartsAt,
      location: session?.location ?? null,
      seats: booking.seats,
      unitPriceCents: booking.unitPriceCents,
      memberPrice: booking.memberPrice,
      vatTreatment: booking.vatTreatment,
      totalInclVatCents: booking.totalInclVatCents,
      attendeeNames: attendees.map((attendee) => attendee.name),
    };
  }
}
