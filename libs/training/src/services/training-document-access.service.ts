import { Injectable } from '@nestjs/common';
import { BookingView, GetBookingUseCase } from '@mutualis/booking';
import { OfferingAccessService } from '@mutualis/catalogue';
import { DomainException } from '@mutualis/core';
import { Actor, hasRole } from '@mutualis/identity';
import type { TrainingDocument } from '../entities/training-document.entity';
import { documentNotFound } from '../training.exception';

/**
 * Who reads a training document: for a booking's documents, whoever reads the booking (its
 * organisation's users, the offering's consultant, the Chambre's staff — booking's rule); for a
 * session's or an offering's own (attendance sheet, programme), its consultant and the admins.
 * Anyone else is told the document does not exist.
 */
@Injectable()
export class TrainingDocumentAccessService {
  constructor(
    private readonly bookings: GetBookingUseCase,
    private readonly offerings: OfferingAccessService,
  ) {}

  /** The booking when the actor may read it, else booking's not-found problem. */
  readableBooking(actor: Actor, bookingId: string): Promise<BookingView> {
    return this.bookings.execute(actor, bookingId);
  }

  async assertCanRead(actor: Actor, link: TrainingDocument): Promise<void> {
    if (link.bookingId) {
      try {
        await this.bookings.execute(actor, link.bookingId);
        return;
      } catch (error) {
        if (error instanceof DomainException) throw documentNotFound();
        throw error;
      }
    }
    if (hasRole(actor, 'admin')) return;
    if (hasRole(actor, 'consultant')) {
      const owned = await this.offerings.offeringIdsOwnedBy(actor.userId);
      if (owned.includes(link.offeringId)) return;
    }
    throw documentNotFound();
  }
}
