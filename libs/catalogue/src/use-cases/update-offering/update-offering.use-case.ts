import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, changedFields as auditedChanges } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { CatalogueErrorCode, CatalogueException } from '../../catalogue.exception';
import { Offering } from '../../entities/offering.entity';
import { CategoryRepository } from '../../repositories/category.repository';
import { OfferingRepository } from '../../repositories/offering.repository';
import {
  OfferingRevisionRepository,
  RevisionContent,
} from '../../repositories/offering-revision.repository';
import { OfferingAccessService } from '../../services/offering-access.service';
import { OfferingRevisionsService } from '../../services/offering-revisions.service';
import { EDITABLE_STATUSES } from '../../services/offering-workflow';
import {
  changedFields,
  MODERATED_FIELDS,
  ModeratedField,
  RevisionState,
} from '../../views/offering-revision.view';
import { OfferingView, presentOffering } from '../../views/offering.view';
import { OfferingContent, unknownCategory } from '../create-offering/create-offering.use-case';
import { assertValidOffering } from '../create-offering/offering-rules';

export interface UpdateOfferingCommand extends Partial<OfferingContent> {
  actor: Actor;
  offeringId: string;
}

/** An offering as its consultant and the Chambre's admins see it: live, with its revisions. */
export type ManagedOfferingView = OfferingView & RevisionState;

/**
 * The consultant edits their own offering. A draft or rejected one changes at once (it is
 * reviewed when submitted). On a published one, the moderated fields (title, summary,
 * description, prices: see MODERATED_FIELDS) become a revision awaiting the Chambre's review
 * while the published version stays live; the other fields (category, delivery mode,
 * départements, duration, cancellation policy, seats per organisation) change at once. The VAT
 * treatment of a published offering is the Chambre's to set (SetVatTreatmentUseCase). Bookings
 * keep the price they were made at, whatever is approved later. One transaction per edit.
 */
@Injectable()
export class UpdateOfferingUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: OfferingAccessService,
    private readonly offerings: OfferingRepository,
    private readonly revisions: OfferingRevisionRepository,
    private readonly revisionState: OfferingRevisionsService,
    private readonly categories: CategoryRepository,
    private readonly audit: AuditLog,
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
    if (changes.vatTreatment !== undefined && changes.vatTreatment !== offering.vatTreatment) {
      throw new CatalogueException(
        CatalogueErrorCode.VatTreatmentByChambre,
        'the VAT treatment of a published offering is decided by the Chambre; ask a Chambre admin or finance to change it',
        [
          {
            field: 'vatTreatment',
            message: 'set by the Chambre (PUT /offerings/:id/vat-treatment)',
          },
        ],
      );
    }
    const immediate: Partial<Offering> = { ...changes };
    delete immediate.vatTreatment;
    const proposed: Partial<Pick<Offering, ModeratedField>> = {};
    for (const field of MODERATED_FIELDS) {
      if (changes[field] !== undefined) {
        (proposed as Record<string, unknown>)[field] = changes[field];
        delete immediate[field];
      }
    }
    const pending = await this.revisions.findPending(offering.id, manager);
    // A second edit amends what already awaits review rather than starting over from the live version.
    const base = pending ?? offering;
    const content: RevisionContent = {
      title: base.title,
      summary: base.summary,
      description: base.description,
      memberPriceCents: base.memberPriceCents,
      nonMemberPriceCents: base.nonMemberPriceCents,
      ...proposed,
    };
    assertValidOffering({ ...offering, ...immediate, ...content });
    const updated = await this.offerings.update(offering.id, immediate, manager);
    if (Object.keys(proposed).length === 0) return updated;
    if (changedFields(offering, content).length === 0) {
      // Back to what is live: nothing left to review.
      if (pending) await this.revisions.update(pending.id, { status: 'withdrawn' }, manager);
    } else if (pending) {
      await this.revisions.update(pending.id, { ...content, proposedBy: actor.userId }, manager);
    } else {
      await this.revisions.create(offering.id, actor.userId, content, manager);
    }
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
    if (command.vatTreatment !== undefined) changes.vatTreatment = command.vatTreatment;
    if (command.cancellationPolicy !== undefined)
      changes.cancellationPolicy = command.cancellationPolicy;
    if (command.maxSeatsPerOrganisation !== undefined)
      changes.maxSeatsPerOrganisation = command.maxSeatsPerOrganisation;
    return changes;
  }
}
