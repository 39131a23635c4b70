import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, changedFields, Clock, OutboxService, parisDate } from '@mutualis/core';
import { Actor, hasRole } from '@mutualis/identity';
import { CatalogueErrorCode, CatalogueException } from '../catalogue.exception';
import { Offering } from '../entities/offering.entity';
import { CategoryRepository } from '../repositories/category.repository';
import { OfferingRepository } from '../repositories/offering.repository';
import { OfferingRevisionRepository } from '../repositories/offering-revision.repository';
import { OfferingVatSettingsRepository } from '../repositories/offering-vat-settings.repository';
import { assertVatTreatmentAllowed } from './offering-vat-policy';
import { OfferingAccessService } from './offering-access.service';
import { OfferingRevisionsService } from './offering-revisions.service';
import { nextStatus, OFFERING_WORKFLOW, OfferingAction } from './offering-workflow';
import { presentOffering } from '../views/offering.view';
import type { ManagedOfferingView } from '../use-cases/update-offering/update-offering.use-case';
import { CatalogueEvents } from '../catalogue.events';

const MODERATION_AUDIT_ACTIONS: Record<OfferingAction, string> = {
  submit: 'offering.submitted',
  publish: 'offering.published',
  reject: 'offering.rejected',
  archive: 'offering.archived',
};

/**
 * The moderation workflow's one transition, shared by the submit, publish, reject and archive
 * use cases. Moves an offering through draft → submitted → published | rejected → archived. The status
 * is changed under a row lock, so two moderators cannot both act on the same state. On a
 * published offering, publish and reject act on the revision awaiting review instead: approved,
 * its fields go live; rejected, the live version stays and the consultant is told why.
 */
@Injectable()
export class OfferingModerationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: OfferingAccessService,
    private readonly offerings: OfferingRepository,
    private readonly revisions: OfferingRevisionRepository,
    private readonly revisionState: OfferingRevisionsService,
    private readonly categories: CategoryRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLog,
    private readonly vatSettings: OfferingVatSettingsRepository,
    private readonly clock: Clock,
  ) {}

  async transition(
    actor: Actor,
    offeringId: string,
    action: OfferingAction,
    extra: (offering: Offering) => Partial<Offering>,
    reason?: string,
  ): Promise<ManagedOfferingView> {
    const allowed = OFFERING_WORKFLOW[action].by;
    const updated = await this.dataSource.transaction(async (manager) => {
      const offering = await this.access.getManaged(actor, offeringId, manager, {
        adminMay: allowed.includes('admin'),
      });
      const isOwner = offering.consultantId === actor.userId;
      const mayAct =
        (allowed.includes('owner') && isOwner) ||
        (allowed.includes('admin') && hasRole(actor, 'admin'));
      if (!mayAct) {
        throw new CatalogueException(
          CatalogueErrorCode.NotOfferingOwner,
          allowed.includes('owner')
            ? 'only the consultant who owns this offering may do this'
            : 'only a Chambre admin may do this',
        );
      }
      if (offering.status === 'published' && (action === 'publish' || action === 'reject')) {
        return this.reviewRevision(actor, offering, action, reason, manager);
      }
      const status = nextStatus(offering.status, action);
      const updated = await this.offerings.update(
        offering.id,
        { status, ...extra(offering) },
        manager,
      );
      await this.audit.record(manager, {
        action: MODERATION_AUDIT_ACTIONS[action],
        entityType: 'offering',
        entityId: offering.id,
        before: { status: offering.status },
        after: { status },
        reason: action === 'reject' ? updated.rejectionReason : null,
        context: { consultantId: offering.consultantId },
      });
      if (action === 'archive') {
        // An archived offering is never edited again: what awaited review is dropped.
        const pending = await this.revisions.findPending(offering.id, manager);
        if (pending) await this.revisions.update(pending.id, { status: 'withdrawn' }, manager);
      }
      if (action === 'publish' || action === 'reject') {
        await this.outbox.record(manager, {
          type:
            action === 'publish'
              ? CatalogueEvents.OfferingPublished
              : CatalogueEvents.OfferingRejected,
          aggregateType: 'offering',
          aggregateId: offering.id,
          payload: { consultantId: offering.consultantId, moderatedBy: actor.userId },
        });
      }
      return updated;
    });
    const category = (await this.categories.mapByIds([updated.categoryId])).get(
      updated.categoryId,
    )!;
    return {
      ...presentOffering(updated, category, true),
      ...(await this.revisionState.stateOf(updated)),
    };
  }

  /**
   * Approves or rejects the revision awaiting review on a published offering, under the
   * offering's lock. The consultant hears it through the same events (and e-mails) as a first
   * publication or refusal, the reason carried in the event since the live offering has none.
   */
  private async reviewRevision(
    actor: Actor,
    offering: Offering,
    action: 'publish' | 'reject',
    reason: string | undefined,
    manager: EntityManager,
  ): Promise<Offering> {
    const pending = await this.revisions.findPending(offering.id, manager);
    if (!pending) {
      // The same answer as any step out of the workflow: a published offering is only published
      // or rejected again through a revision.
      throw new CatalogueException(
        CatalogueErrorCode.InvalidTransition,
        `this offering is already published and no change to it awaits review; nothing to ${action}`,
      );
    }
    const reviewed = { reviewedBy: actor.userId, reviewedAt: new Date() };
    let updated = offering;
    if (action === 'publish') {
      const proposed: Partial<Offering> = {
        title: pending.title,
        summary: pending.summary,
        description: pending.description,
        memberPriceCents: pending.memberPriceCents,
        nonMemberPriceCents: pending.nonMemberPriceCents,
        ...(pending.vatTreatment ? { vatTreatment: pending.vatTreatment } : {}),
        ...(pending.pedagogy ? { pedagogy: pending.pedagogy } : {}),
      };
      if (proposed.vatTreatment && proposed.vatTreatment !== offering.vatTreatment) {
        // Still allowed now: the attestation it rested on may have a later date by now.
        assertVatTreatmentAllowed(
          offering.kind,
          proposed.vatTreatment,
          await this.vatSettings.currentForShare(manager),
          parisDate(this.clock.now()),
        );
      }
      updated = await this.offerings.update(offering.id, proposed, manager);
      await this.revisions.update(pending.id, { status: 'approved', ...reviewed }, manager);
      const changed = changedFields(offering, proposed);
      await this.audit.record(manager, {
        action: 'offering.revision.approved',
        entityType: 'offering',
        entityId: offering.id,
        before: changed?.before ?? {},
        after: changed?.after ?? {},
        context: { consultantId: offering.consultantId, revisionId: pending.id },
      });
      // Prices and VAT going live are what the Chambre follows most closely: the same action as
      // a price change on a draft, so one filter finds them all.
      const pricing = changedFields(offering, proposed, [
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
          context: { status: offering.status, revisionId: pending.id },
        });
      }
    } else {
      await this.revisions.update(
        pending.id,
        { status: 'rejected', rejectionReason: reason!.trim(), ...reviewed },
        manager,
      );
      await this.audit.record(manager, {
        action: 'offering.revision.rejected',
        entityType: 'offering',
        entityId: offering.id,
        before: { revision: 'pending' },
        after: { revision: 'rejected' },
        reason: reason!.trim(),
        context: { consultantId: offering.consultantId, revisionId: pending.id },
      });
    }
    await this.outbox.record(manager, {
      type:
        action === 'publish' ? CatalogueEvents.OfferingPublished : CatalogueEvents.OfferingRejected,
      aggregateType: 'offering',
      aggregateId: offering.id,
      payload: {
        consultantId: offering.consultantId,
        moderatedBy: actor.userId,
        revisionId: pending.id,
        ...(action === 'reject' ? { reason: reason!.trim() } : {}),
      },
    });
    return updated;
  }
}
