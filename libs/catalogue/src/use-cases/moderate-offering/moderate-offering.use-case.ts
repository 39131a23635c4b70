import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, OutboxService } from '@mutualis/core';
import { Actor, hasRole } from '@mutualis/identity';
import { CatalogueErrorCode, CatalogueException } from '../../catalogue.exception';
import { Offering } from '../../entities/offering.entity';
import { CategoryRepository } from '../../repositories/category.repository';
import { OfferingRepository } from '../../repositories/offering.repository';
import { OfferingAccessService } from '../../services/offering-access.service';
import { nextStatus, OFFERING_WORKFLOW, OfferingAction } from '../../services/offering-workflow';
import { OfferingView, presentOffering } from '../../views/offering.view';

const MODERATION_AUDIT_ACTIONS: Record<OfferingAction, string> = {
  submit: 'offering.submitted',
  publish: 'offering.published',
  reject: 'offering.rejected',
  archive: 'offering.archived',
};

/**
 * Moves an offering through draft → submitted → published | rejected → archived. The status
 * is changed under a row lock, so two moderators cannot both act on the same state.
 */
@Injectable()
export class ModerateOfferingUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: OfferingAccessService,
    private readonly offerings: OfferingRepository,
    private readonly categories: CategoryRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLog,
  ) {}

  submit(actor: Actor, offeringId: string): Promise<OfferingView> {
    return this.apply(actor, offeringId, 'submit', () => ({ submittedAt: new Date() }));
  }

  publish(actor: Actor, offeringId: string): Promise<OfferingView> {
    return this.apply(actor, offeringId, 'publish', (offering) => ({
      publishedAt: offering.publishedAt ?? new Date(),
      rejectionReason: null,
    }));
  }

  reject(actor: Actor, offeringId: string, reason: string): Promise<OfferingView> {
    return this.apply(actor, offeringId, 'reject', () => ({ rejectionReason: reason.trim() }));
  }

  archive(actor: Actor, offeringId: string): Promise<OfferingView> {
    return this.apply(actor, offeringId, 'archive', () => ({ archivedAt: new Date() }));
  }

  private async apply(
    actor: Actor,
    offeringId: string,
    action: OfferingAction,
    extra: (offering: Offering) => Partial<Offering>,
  ): Promise<OfferingView> {
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
      if (action === 'publish' || action === 'reject') {
        await this.outbox.record(manager, {
          type: action === 'publish' ? 'offering.published' : 'offering.rejected',
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
    return presentOffering(updated, category, true);
  }
}
