import { Injectable } from '@nestjs/common';
import { Actor } from '@mutualis/identity';
import { CatalogueErrorCode, CatalogueException } from '../../catalogue.exception';
import { ConsultationSlotRepository } from '../../repositories/consultation-slot.repository';
import { OfferingAccessService } from '../../services/offering-access.service';
import { PricingService } from '../../services/pricing.service';
import { presentSlot, SlotView } from '../../views/offering.view';

const MAX_LISTED_SLOTS = 200;

/** The free slots still to come: booked or cancelled ones leave the list. */
@Injectable()
export class ListFreeSlotsUseCase {
  constructor(
    private readonly access: OfferingAccessService,
    private readonly slots: ConsultationSlotRepository,
    private readonly pricing: PricingService,
  ) {}

  async execute(
    actor: Actor | null,
    offeringId: string,
    organisationId?: string,
  ): Promise<SlotView[]> {
    const offering = await this.access.getVisible(actor, offeringId);
    if (offering.kind !== 'consultation') {
      throw new CatalogueException(
        CatalogueErrorCode.WrongOfferingKind,
        'trainings have sessions, not slots',
      );
    }
    const [slots, pricing] = await Promise.all([
      this.slots.listOpen(offering.id, MAX_LISTED_SLOTS),
      this.pricing.contextFor(actor, organisationId),
    ]);
    return slots.map((slot) =>
      presentSlot(slot, this.pricing.priceOn(offering, slot.startsAt, pricing)),
    );
  }
}
