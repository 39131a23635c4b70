import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, hasRole } from '@mutualis/identity';
import { CatalogueErrorCode, CatalogueException, offeringNotFound } from '../catalogue.exception';
import { Offering } from '../entities/offering.entity';
import { OfferingRepository } from '../repositories/offering.repository';

/**
 * Who sees and who manages an offering. Unpublished offerings do not exist for anyone but
 * their consultant and the Chambre's admins (404); a published one others may read but not
 * change (403).
 */
@Injectable()
export class OfferingAccessService {
  constructor(private readonly offerings: OfferingRepository) {}

  canSeeUnpublished(actor: Actor | null, offering: Offering): boolean {
    return !!actor && (offering.consultantId === actor.userId || hasRole(actor, 'admin'));
  }

  /** The ids of the offerings a consultant owns (their bookings and attendee lists are theirs to see). */
  offeringIdsOwnedBy(userId: string): Promise<string[]> {
    return this.offerings.idsByConsultant(userId);
  }

  /** The offering when the actor may manage it (its consultant or an admin), else not found. */
  async getManagedForReading(actor: Actor, id: string): Promise<Offering> {
    const offering = await this.offerings.findById(id);
    if (!offering || !this.canSeeUnpublished(actor, offering)) throw offeringNotFound();
    return offering;
  }

  async getVisible(actor: Actor | null, id: string): Promise<Offering> {
    const offering = await this.offerings.findById(id);
    if (!offering) throw offeringNotFound();
    if (offering.status !== 'published' && !this.canSeeUnpublished(actor, offering))
      throw offeringNotFound();
    return offering;
  }

  /** The offering, locked, when the actor owns it (or is an admin and admins may act). */
  async getManaged(
    actor: Actor,
    id: string,
    manager: EntityManager,
    options: { adminMay: boolean },
  ): Promise<Offering> {
    const offering = await this.offerings.findByIdForUpdate(id, manager);
    if (!offering) throw offeringNotFound();
    const owner = offering.consultantId === actor.userId;
    const admin = hasRole(actor, 'admin');
    if (owner || (admin && options.adminMay)) return offering;
    if (offering.status !== 'published' && !admin) throw offeringNotFound();
    throw new CatalogueException(
      CatalogueErrorCode.NotOfferingOwner,
      options.adminMay
        ? 'only the consultant who owns this offering, or a Chambre admin, may do this'
        : 'only the consultant who owns this offering may do this',
    );
  }
}
