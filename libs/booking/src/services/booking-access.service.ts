import { Injectable } from '@nestjs/common';
import { OfferingAccessService } from '@mutualis/catalogue';
import { Actor, hasRole, OrganisationAccessService } from '@mutualis/identity';
import { bookingNotFound } from '../booking.exception';
import { Booking } from '../entities/booking.entity';

/**
 * Who sees a booking: the members of its organisation, the consultant of its offering, and
 * the Chambre's admins and finance staff. Anyone else gets "not found", never its data.
 */
@Injectable()
export class BookingAccessService {
  constructor(
    private readonly organisations: OrganisationAccessService,
    private readonly offerings: OfferingAccessService,
  ) {}

  async assertCanRead(actor: Actor, booking: Booking): Promise<void> {
    if (hasRole(actor, 'admin', 'finance')) return;
    const memberships = await this.organisations.organisationsOf(actor.userId);
    if (memberships.includes(booking.organisationId)) return;
    if (hasRole(actor, 'consultant')) {
      const owned = await this.offerings.offeringIdsOwnedBy(actor.userId);
      if (owned.includes(booking.offeringId)) return;
    }
    throw bookingNotFound();
  }

  /** Members of the booking's organisation act on it; admins too. */
  async assertCanAct(actor: Actor, booking: Booking): Promise<void> {
    if (hasRole(actor, 'admin')) return;
    const memberships = await this.organisations.organisationsOf(actor.userId);
    if (!memberships.includes(booking.organisationId)) throw bookingNotFound();
  }

  /** What a caller may list: everything (staff), or their organisations' and their offerings' bookings. */
  async listScope(actor: Actor): Promise<{ organisationIds?: string[]; offeringIds?: string[] }> {
    if (hasRole(actor, 'admin', 'finance')) return {};
    const [organisationIds, offeringIds] = await Promise.all([
      this.organisations.organisationsOf(actor.userId),
      hasRole(actor, 'consultant')
        ? this.offerings.offeringIdsOwnedBy(actor.userId)
        : Promise.resolve([]),
    ]);
    return { organisationIds, offeringIds };
  }
}
