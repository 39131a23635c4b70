import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, MoreThan } from 'typeorm';
import { BookedVatTreatment, CatalogueFactsService, OfferingKind } from '@mutualis/catalogue';
import { BookingStatus, ConfirmationMethod } from '../booking.types';
import { Booking } from '../entities/booking.entity';
import { BookingRepository } from '../repositories/booking.repository';

/**
 * A card or SEPA payment that confirmed a booking. It comes before the booking's invoice: the
 * booking is confirmed in the payment's transaction, and the invoice issued from that confirmation.
 */
export interface PaymentAtConfirmation {
  method: 'card' | 'sepa_debit';
  amountCents: number;
  paidAt: Date;
}

/** What the invoicing context needs to know of a booking, read in one place. */
export interface BookingFacts {
  bookingId: string;
  organisationId: string;
  status: BookingStatus;
  confirmedAt: Date | null;
  confirmationMethod: ConfirmationMethod | null;
  /** Null unless a card or SEPA payment confirmed it. */
  paymentAtConfirmation: PaymentAtConfirmation | null;
  cancelledAt: Date | null;
  offeringTitle: string;
  /** A training's invoice carries the Chambre's NDA; another's does not. */
  offeringKind: OfferingKind;
  serviceStartsAt: Date;
  serviceEndsAt: Date;
  location: string | null;
  seats: number;
  unitPriceCents: number;
  memberPrice: boolean;
  vatTreatment: BookedVatTreatment;
  totalInclVatCents: number;
  attendeeNames: string[];
  /** A public buyer's references for Chorus Pro (BT-13, BT-10); null when it gave none. */
  engagementNumber: string | null;
  serviceCode: string | null;
}

/** What the notifications context needs to write about a booking. */
export interface BookingNoticeFacts {
  bookingId: string;
  organisationId: string;
  bookedBy: string;
  status: BookingStatus;
  sessionId: string | null;
  slotId: string | null;
  offeringId: string;
  offeringTitle: string;
  consultantId: string;
  serviceStartsAt: Date;
  serviceEndsAt: Date;
  location: string | null;
  remoteUrl: string | null;
  /** The session's capacity and seats taken as read with the booking (null for a slot). */
  sessionCapacity: number | null;
  sessionSeatsTaken: number | null;
  seats: number;
  totalInclVatCents: number;
  holdExpiresAt: Date | null;
  offerExpiresAt: Date | null;
  confirmedAt: Date | null;
  confirmationMethod: ConfirmationMethod | null;
  refundPercent: number | null;
  refundCents: number | null;
  attendees: { name: string; email: string | null }[];
}

/** A confirmed booking on a session, for the consultant's attendee list. */
export interface SessionAttendeeFacts {
  bookingId: string;
  organisationId: string;
  attendees: { name: string; email: string | null }[];
}

/** A named trainee on a seated booking of a session (confirmed, attended or no-show). */
export interface SessionTraineeFacts {
  attendeeId: string;
  bookingId: string;
  organisationId: string;
  bookingStatus: Booking['status'];
  name: string;
  email: string | null;
}

function paymentAtConfirmation(booking: Booking): PaymentAtConfirmation | null {
  const method = booking.confirmationMethod;
  if ((method !== 'card' && method !== 'sepa_debit') || !booking.confirmedAt) return null;
  return {
    method,
    // Bookings confirmed before the amount was kept were paid their total: Checkout charges it.
    amountCents: booking.confirmationPaidCents ?? booking.totalInclVatCents,
    paidAt: booking.confirmedAt,
  };
}

@Injectable()
export class BookingFactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingRepository,
    private readonly catalogue: CatalogueFactsService,
  ) {}

  async forInvoice(bookingId: string): Promise<BookingFacts | null> {
    const loaded = await this.load(bookingId);
    if (!loaded) return null;
    const { booking, service, attendees } = loaded;
    return {
      bookingId: booking.id,
      organisationId: booking.organisationId,
      status: booking.status,
      confirmedAt: booking.confirmedAt,
      confirmationMethod: booking.confirmationMethod,
      paymentAtConfirmation: paymentAtConfirmation(booking),
      cancelledAt: booking.cancelledAt,
      offeringTitle: service.offeringTitle,
      offeringKind: service.offeringKind,
      serviceStartsAt: booking.serviceStartsAt,
      serviceEndsAt: service.endsAt ?? booking.serviceStartsAt,
      location: service.location,
      seats: booking.seats,
      unitPriceCents: booking.unitPriceCents,
      memberPrice: booking.memberPrice,
      vatTreatment: booking.vatTreatment,
      totalInclVatCents: booking.totalInclVatCents,
      attendeeNames: attendees.map((attendee) => attendee.name),
      engagementNumber: booking.engagementNumber,
      serviceCode: booking.serviceCode,
    };
  }

  async forNotice(bookingId: string): Promise<BookingNoticeFacts | null> {
    const loaded = await this.load(bookingId);
    if (!loaded) return null;
    const { booking, service, attendees } = loaded;
    return {
      bookingId: booking.id,
      organisationId: booking.organisationId,
      bookedBy: booking.bookedBy,
      status: booking.status,
      sessionId: booking.sessionId,
      slotId: booking.slotId,
      offeringId: service.offeringId,
      offeringTitle: service.offeringTitle,
      consultantId: service.consultantId,
      serviceStartsAt: booking.serviceStartsAt,
      serviceEndsAt: service.endsAt ?? booking.serviceStartsAt,
      location: service.location,
      remoteUrl: service.remoteUrl,
      sessionCapacity: service.capacity,
      sessionSeatsTaken: service.seatsTaken,
      seats: booking.seats,
      totalInclVatCents: booking.totalInclVatCents,
      holdExpiresAt: booking.holdExpiresAt,
      offerExpiresAt: booking.offerExpiresAt,
      confirmedAt: booking.confirmedAt,
      confirmationMethod: booking.confirmationMethod,
      refundPercent: booking.refundPercent,
      refundCents: booking.refundCents,
      attendees: attendees.map(({ name, email }) => ({ name, email: email || null })),
    };
  }

  /**
   * A booking with its attendees, and what it was booked on (its offering, and its session or
   * slot) as catalogue's read service tells it: invoicing and every notification of a booking
   * start here.
   */
  private async load(bookingId: string) {
    const [booking, attendees] = await Promise.all([
      this.bookings.findById(bookingId),
      this.bookings.attendeesOf([bookingId]),
    ]);
    if (!booking) return null;
    const service = await this.catalogue.bookedService(booking);
    if (!service) return null;
    return { booking, service, attendees };
  }

  /** Confirmed bookings whose service starts after `from`: those still to be reminded of. */
  async confirmedStartingAfter(from: Date): Promise<{ bookingId: string; startsAt: Date }[]> {
    const bookings = await this.dataSource.manager.find(Booking, {
      select: { id: true, serviceStartsAt: true },
      where: { status: 'confirmed', serviceStartsAt: MoreThan(from) },
      order: { serviceStartsAt: 'ASC', id: 'ASC' },
    });
    return bookings.map((booking) => ({
      bookingId: booking.id,
      startsAt: booking.serviceStartsAt,
    }));
  }

  /** Confirmed bookings on a session with their attendees, oldest first. */
  async confirmedOnSession(sessionId: string): Promise<SessionAttendeeFacts[]> {
    const bookings = await this.dataSource.manager.find(Booking, {
      where: { sessionId, status: In(['confirmed', 'attended']) },
      order: { confirmedAt: 'ASC', id: 'ASC' },
    });
    const attendees = await this.bookings.attendeesOf(bookings.map((booking) => booking.id));
    return bookings.map((booking) => ({
      bookingId: booking.id,
      organisationId: booking.organisationId,
      attendees: attendees
        .filter((attendee) => attendee.bookingId === booking.id)
        .map(({ name, email }) => ({ name, email: email || null })),
    }));
  }

  /** The trainees of a session's seated bookings, in booking then position order. */
  async traineesOfSession(sessionId: string): Promise<SessionTraineeFacts[]> {
    const bookings = (await this.bookings.seatedOnSession(sessionId)).filter((booking) =>
      ['confirmed', 'attended', 'no_show'].includes(booking.status),
    );
    const attendees = await this.bookings.attendeesOf(bookings.map((booking) => booking.id));
    const byId = new Map(bookings.map((booking) => [booking.id, booking]));
    return attendees.map((attendee) => {
      const booking = byId.get(attendee.bookingId)!;
      return {
        attendeeId: attendee.id,
        bookingId: booking.id,
        organisationId: booking.organisationId,
        bookingStatus: booking.status,
        name: attendee.name,
        email: attendee.email || null,
      };
    });
  }
}
