import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, changedFields as auditedChanges, Clock, parisDate } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { CatalogueErrorCode, CatalogueException } from '../../catalogue.exception';
import { Offering } from '../../entities/offering.entity';
import { CategoryRepository } from '../../repositories/category.repository';
import { OfferingRepository } from '../../repositories/offering.repository';
import { RevisionContent } from '../../repositories/offering-revision.repository';
import { OfferingVatSettingsRepository } from '../../repositories/offering-vat-settings.repository';
import { OfferingAccessService } from '../../services/offering-access.service';
import { OfferingRevisionsService } from '../../services/offering-revisions.service';
import { defaultVatTreatment, vatTreatmentProblems } from '../../services/offering-vat-policy';
import { EDITABLE_STATUSES } from '../../services/offering-workflow';
import { MODERATED_FIELDS, RevisionState } from '../../views/offering-revision.view';
import { OfferingView, presentOffering } from '../../views/offering.view';
import { OfferingContent, unknownCategory } from '../create-offering/create-offering.use-case';
import { assertCompletePedagogy, assertValidOffering } from '../create-offering/offering-rules';

export interface UpdateOfferingCommand extends Partial<OfferingContent> {
  actor: Actor;
  offeringId: string;
}

/** An offering as its consultant and the Chambre's admins see it: live, with its revisions. */
export type ManagedOfferingView = OfferingView & RevisionState;

/**
 * The consultant edits their own offering. A draft or rejected one changes at once (it is
 * reviewed when submitted). On a published one, the moderated fields (title, summary,
 * description, prices, a training's pedagogical content: see MODERATED_FIELDS) become a revision awaiting the Chambre's review
 * while the published version stays live; the other fields (category, delivery mode,
 * départements, duration, cancellation policy, seats per organisation) change at once. The VAT
 * regime is never the consultant's (the Chambre sets it: SetVatTreatmentUseCase); a draft whose
 * kind changes takes the Chambre's default for its new kind when its regime does not apply to
 * it. Bookings keep the price they were made at, whatever is approved later. One transaction
 * per edit.
 */
@Injectable()
export class UpdateOfferingUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: OfferingAccessService,
    private readonly offerings: OfferingRepository,
    private readonly revisionState: OfferingRevisionsService,
    private readonly vatSettings: OfferingVatSettingsRepository,
    private readonly categories: CategoryRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(command: UpdateOfferingCommand): Promise<ManagedOfferingView> {
    const category = command.categorySlug
      ? await this.categories.findBySlug(command.categorySlug)
      : null;
    if (command.categorySlug && !category) throw unknownCategory(command.categorySlug);

    const { updated, state } = await this.dataSource.transaction(async (manager) => {
      const offering = await this.access.getManaged(command.actor, command.offeringId, manager, {
        adminMay: false,
      });
      if (!EDITABLE_STATUSES.includes(offering.status)) {
        throw new CatalogueException(
          CatalogueErrorCode.OfferingNotEditable,
          offering.status === 'submitted'
            ? 'this offering is being reviewed by the Chambre; edit it once it is published or rejected'
            : 'an archived offering cannot be edited',
        );
      }
      if (
        command.kind !== undefined &&
        command.kind !== offering.kind &&
        offering.status !== 'draft'
      ) {
        throw new CatalogueException(
          CatalogueErrorCode.OfferingNotEditable,
          'the kind can only change while a draft',
          [{ field: 'kind', message: 'cannot change once the offering has been submitted' }],
        );
      }
      const changes = this.changesOf(command, category?.id);
      if (changes.kind !== undefined && changes.kind !== offering.kind) {
        const settings = await this.vatSettings.current(manager);
        const today = parisDate(this.clock.now());
        if (vatTreatmentProblems(changes.kind, offering.vatTreatment, settings, today).length > 0) {
          changes.vatTreatment = defaultVatTreatment(changes.kind, settings, today);
        }
      }
      if (offering.status !== 'published') {
        assertValidOffering({ ...offering, ...changes });
        const updated = await this.offerings.update(offering.id, changes, manager);
        // What members pay and how it is taxed: the Chambre wants to see every change. On a
        // published offering prices change only when a revision is approved (recorded there).
        const pricing = auditedChanges(offering, changes, [
          'memberPriceCents',
          'nonMemberPriceCents',
          'vatTreatment',
        ]);
        if (pricing) {
          await this.audit.record(manager, {
            action: 'offering.pricing.changed',
            entityType: 'offering',
            entityId: offering.id,
            ...pricing,
            context: { status: offering.status },
          });
        }
        return { updated, state: null };
      }
      const updated = await this.editPublished(command.actor, offering, changes, manager);
      return { updated, state: await this.revisionState.stateOf(updated, manager) };
    });
    const shown =
      category ?? (await this.categories.mapByIds([updated.categoryId])).get(updated.categoryId)!;
    return {
      ...presentOffering(updated, shown, true),
      ...(state ?? (await this.revisionState.stateOf(updated))),
    };
  }

  /** The immediate fields go live; the moderated ones amend (or open) the pending revision. */
  private async editPublished(
    actor: Actor,
    offering: Offering,
    changes: Partial<Offering>,
    manager: EntityManager,
  ): Promise<Offering> {
    const immediate: Partial<Offering> = { ...changes };
    const proposed: Partial<RevisionContent> = {};
    for (const field of MODERATED_FIELDS) {
      if (changes[field] !== undefined) {
        (proposed as Record<string, unknown>)[field] = changes[field];
        delete immediate[field];
      }
    }
    const content = await this.revisionState.proposedContent(offering, proposed, manager);
    assertValidOffering({ ...offering, ...immediate, ...content });
    // A published training's R6353-1 content, once revised, is revised complete. (Trainings
    // published before it was required keep their other edits possible until it is written.)
    if (proposed.pedagogy !== undefined) assertCompletePedagogy(offering.kind, content.pedagogy);
    const updated = await this.offerings.update(offering.id, immediate, manager);
    await this.revisionState.propose(offering, proposed, actor.userId, manager);
    return updated;
  }

  private changesOf(
    command: UpdateOfferingCommand,
    categoryId: string | undefined,
  ): Partial<Offering> {
    const changes: Partial<Offering> = {};
    if (command.title !== undefined) changes.title = command.title.trim();
    if (command.summary !== undefined) changes.summary = command.summary.trim();
    if (command.description !== undefined) changes.description = command.description;
    if (categoryId !== undefined) changes.categoryId = categoryId;
    if (command.kind !== undefined) changes.kind = command.kind;
    if (command.deliveryMode !== undefined) changes.deliveryMode = command.deliveryMode;
    if (command.departments !== undefined) changes.departments = [...command.departments].sort();
    if (command.durationMinutes !== undefined) changes.durationMinutes = command.durationMinutes;
    if (command.memberPriceCents !== undefined) changes.memberPriceCents = command.memberPriceCents;
    if (command.nonMemberPriceCents !== undefined)
      changes.nonMemberPriceCents = command.nonMemberPriceCents;
    if (command.cancellationPolicy !== undefined)
      changes.cancellationPolicy = command.cancellationPolicy;
    if (command.maxSeatsPerOrganisation !== undefined)
      changes.maxSeatsPerOrganisation = command.maxSeatsPerOrganisation;
    if (command.pedagogy !== undefined) changes.pedagogy = command.pedagogy;
    return changes;
  }
}
