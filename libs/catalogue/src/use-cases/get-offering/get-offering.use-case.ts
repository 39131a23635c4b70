import { Injectable } from '@nestjs/common';
import { Actor } from '@mutualis/identity';
import { CategoryRepository } from '../../repositories/category.repository';
import { ConsultantProfileRepository } from '../../repositories/consultant-profile.repository';
import { ConsultationSlotRepository } from '../../repositories/consultation-slot.repository';
import { TrainingSessionRepository } from '../../repositories/training-session.repository';
import { renderMarkdown } from '../../services/markdown';
import { OfferingAccessService } from '../../services/offering-access.service';
import { OfferingRevisionsService } from '../../services/offering-revisions.service';
import { AppliedPrice, PricingService } from '../../services/pricing.service';
import { RevisionState } from '../../views/offering-revision.view';
import {
  OfferingView,
  presentOffering,
  presentSession,
  presentSlot,
  SessionView,
  SlotView,
} from '../../views/offering.view';

export interface OfferingDetail extends OfferingView, RevisionState {
  /** The Markdown description rendered to safe HTML. */
  descriptionHtml: string;
  consultant: { id: string; bio: string; expertise: string[] };
  /** What the caller would pay today, excluding VAT. */
  price: AppliedPrice;
  upcomingSessions: SessionView[];
  freeSlots: SlotView[];
}

const UPCOMING_SHOWN = 50;

/** An offering's page: details, upcoming sessions with seats left, and the caller's price. */
@Injectable()
export class GetOfferingUseCase {
  constructor(
    private readonly access: OfferingAccessService,
    private readonly categories: CategoryRepository,
    private readonly profiles: ConsultantProfileRepository,
    private readonly sessions: TrainingSessionRepository,
    private readonly slots: ConsultationSlotRepository,
    private readonly pricing: PricingService,
    private readonly revisions: OfferingRevisionsService,
  ) {}

  async execute(
    actor: Actor | null,
    offeringId: string,
    organisationId?: string,
  ): Promise<OfferingDetail> {
    const offering = await this.access.getVisible(actor, offeringId);
    const manager = this.access.canSeeUnpublished(actor, offering);
    const [categories, profile, pricing, sessions, slots, revisions] = await Promise.all([
      this.categories.mapByIds([offering.categoryId]),
      this.profiles.findByUserId(offering.consultantId),
      this.pricing.contextFor(actor, organisationId),
      offering.kind === 'training'
        ? this.sessions.listForOffering(offering.id, { upcomingOnly: true })
        : [],
      offering.kind === 'consultation' ? this.slots.listOpen(offering.id, UPCOMING_SHOWN) : [],
      // Proposed changes are the consultant's and the Chambre's business until approved.
      manager
        ? this.revisions.stateOf(offering)
        : Promise.resolve<RevisionState>({ pendingRevision: null, rejectedRevision: null }),
    ]);
    return {
      ...presentOffering(offering, categories.get(offering.categoryId)!, manager),
      ...revisions,
      descriptionHtml: renderMarkdown(offering.description),
      consultant: {
        id: offering.consultantId,
        bio: profile?.bio ?? '',
        expertise: profile?.expertise ?? [],
      },
      price: this.pricing.priceOn(offering, new Date(), pricing),
      upcomingSessions: sessions
        .slice(0, UPCOMING_SHOWN)
        .map((session) =>
          presentSession(
            session,
            this.pricing.priceOn(offering, session.startsAt, pricing),
            manager,
          ),
        ),
      freeSlots: slots.map((slot) =>
        presentSlot(slot, this.pricing.priceOn(offering, slot.startsAt, pricing)),
      ),
    };
  }
}
