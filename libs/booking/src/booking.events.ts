import type { NoPayload } from '@mutualis/core';
import type { BookingStatus, ConfirmationMethod } from './booking.types';

/**
 * The facts booking announces (wire names: stored in outbox_events and used as job names, never
 * renamed; the waitlist's keep their `waitlist.` prefix).
 */
export const BookingEvents = {
  Created: 'booking.created',
  Waitlisted: 'booking.waitlisted',
  Confirmed: 'booking.confirmed',
  Cancelled: 'booking.cancelled',
  Expired: 'booking.expired',
  OfferAccepted: 'booking.offer-accepted',
  AttendanceMarked: 'booking.attendance-marked',
  WaitlistOffered: 'waitlist.offered',
  WaitlistOfferExpired: 'waitlist.offer-expired',
  /**
   * Scheduled work written in the booking's own transaction (outbox rows with deliver_at): a hold
   * or an offer exists if and only if its expiry is on its way. The sweep catches a lost one.
   */
  HoldExpiryDue: 'booking.hold-expiry-due',
  OfferExpiryDue: 'booking.offer-expiry-due',
} as const;

export const BookingJobs = {
  /** Every BOOKING_SWEEP_SECONDS: holds and offers whose delayed job was lost. */
  SweepExpired: 'booking.sweep-expired',
} as const;

/** What every booking fact carries: ids and the status after the change. */
export type BookingFactPayload = {
  organisationId: string;
  offeringId: string;
  sessionId: string | null;
  slotId: string | null;
  status: BookingStatus;
};

export type BookingCancelledPayload = BookingFactPayload & {
  previousStatus: BookingStatus;
  refundCents: number;
  refundPercent: number;
  cancelledBy: string | null;
  /** `session` when the consultant or an admin cancelled the whole session. */
  cause: 'booking' | 'session';
};

type ExpiryDuePayload = { bookingId: string };

declare module '@mutualis/core' {
  interface EventCatalogue {
    [BookingEvents.Created]: BookingFactPayload & { totalInclVatCents: number };
    [BookingEvents.Waitlisted]: BookingFactPayload;
    [BookingEvents.Confirmed]: BookingFactPayload & { method: ConfirmationMethod };
    [BookingEvents.Cancelled]: BookingCancelledPayload;
    [BookingEvents.Expired]: BookingFactPayload & { previousStatus: BookingStatus };
    [BookingEvents.OfferAccepted]: BookingFactPayload & { totalInclVatCents: number };
    [BookingEvents.AttendanceMarked]: BookingFactPayload;
    [BookingEvents.WaitlistOffered]: BookingFactPayload & { offerExpiresAt: string };
    [BookingEvents.WaitlistOfferExpired]: BookingFactPayload & { previousStatus: BookingStatus };
    [BookingEvents.HoldExpiryDue]: ExpiryDuePayload;
    [BookingEvents.OfferExpiryDue]: ExpiryDuePayload;
  }
  interface JobCatalogue {
    [BookingJobs.SweepExpired]: NoPayload;
  }
}
