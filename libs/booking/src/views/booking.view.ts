import type { BookedVatTreatment } from '@mutualis/catalogue';
import type { Attendance, BookingStatus, ConfirmationMethod } from '../booking.types';
import { BookingAttendee } from '../entities/booking-attendee.entity';
import { Booking } from '../entities/booking.entity';

export interface AttendeeView {
  id: string;
  name: string;
  email: string;
  attendance: Attendance | null;
}

export interface BookingView {
  id: string;
  organisationId: string;
  offeringId: string;
  sessionId: string | null;
  slotId: string | null;
  attendees: AttendeeView[];
  seats: number;
  status: BookingStatus;
  unitPriceCents: number;
  totalExclVatCents: number;
  totalVatCents: number;
  totalInclVatCents: number;
  currency: 'EUR';
  memberPrice: boolean;
  vatTreatment: BookedVatTreatment;
  vatRateBasisPoints: number;
  serviceStartsAt: string;
  holdExpiresAt: string | null;
  offerExpiresAt: string | null;
  confirmedAt: string | null;
  confirmationMethod: ConfirmationMethod | null;
  cancelledAt: string | null;
  /** A public buyer's Chorus Pro references, carried to its invoice. */
  engagementNumber: string | null;
  serviceCode: string | null;
  refund: { percent: number; amountCents: number } | null;
  createdAt: string;
}

export function presentBooking(booking: Booking, attendees: BookingAttendee[]): BookingView {
  const live = (date: Date | null, status: BookingStatus) =>
    booking.status === status && date ? date.toISOString() : null;
  return {
    id: booking.id,
    organisationId: booking.organisationId,
    offeringId: booking.offeringId,
    sessionId: booking.sessionId,
    slotId: booking.slotId,
    attendees: attendees
      .filter((attendee) => attendee.bookingId === booking.id)
      .map(({ id, name, email, attendance }) => ({ id, name, email, attendance })),
    seats: booking.seats,
    status: booking.status,
    unitPriceCents: booking.unitPriceCents,
    totalExclVatCents: booking.totalExclVatCents,
    totalVatCents: booking.totalVatCents,
    totalInclVatCents: booking.totalInclVatCents,
    currency: 'EUR',
    memberPrice: booking.memberPrice,
    vatTreatment: booking.vatTreatment,
    vatRateBasisPoints: booking.vatRateBasisPoints,
    serviceStartsAt: booking.serviceStartsAt.toISOString(),
    holdExpiresAt: live(booking.holdExpiresAt, 'pending_payment'),
    offerExpiresAt: live(booking.offerExpiresAt, 'offered'),
    confirmedAt: booking.confirmedAt?.toISOString() ?? null,
    confirmationMethod: booking.confirmationMethod,
    cancelledAt: booking.cancelledAt?.toISOString() ?? null,
    engagementNumber: booking.engagementNumber,
    serviceCode: booking.serviceCode,
    refund:
      booking.refundPercent !== null && booking.refundCents !== null
        ? { percent: booking.refundPercent, amountCents: booking.refundCents }
        : null,
    createdAt: booking.createdAt.toISOString(),
  };
}
