import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, changedFields } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { CatalogueErrorCode, CatalogueException } from '../../catalogue.exception';
import { Offering } from '../../entities/offering.entity';
import { CategoryRepository } from '../../repositories/category.repository';
import { OfferingRepository } from '../../repositories/offering.repository';
import { OfferingAccessService } from '../../services/offering-access.service';
import { EDITABLE_STATUSES } from '../../services/offering-workflow';
import { OfferingView, presentOffering } from '../../views/offering.view';
import { OfferingContent, unknownCategory } from '../create-offering/create-offering.use-case';
import { assertValidOffering } from '../create-offering/offering-rules';

export interface UpdateOfferingCommand extends Partial<OfferingContent> {
  actor: Actor;
  offeringId: string;
}

/**
 * The consultant edits their own offering. Bookings keep the price they were made at, so a
 * new price on a published offering only applies to bookings made from now on.
 */
@Injectable()
export class UpdateOfferingUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: OfferingAccessService,
    private readonly offerings: OfferingRepository,
    private readonly categories: CategoryRepository,
    private readonly audit: AuditLog,
  ) {}

  async execute(command: UpdateOfferingCommand): Promise<OfferingView> {
    const category = command.categorySlug
      ? await this.categories.findBySlug(command.categorySlug)
      : null;
    if (command.categorySlug && !category) throw unknownCategory(command.categorySlug);

    const updated = await this.dataSource.transaction(async (manager) => {
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
      assertValidOffering({ ...offering, ...changes });
      const updated = await this.offerings.update(offering.id, changes, manager);
      // What members pay and how it is taxed: the Chambre wants to see every change.
      const pricing = changedFields(offering, changes, [
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
      return updated;
    });
    const shown =
      category ?? (await this.categories.mapByIds([updated.categoryId])).get(updated.categoryId)!;
    return presentOffering(updated, shown, true);
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
