import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, changedFields } from '@mutualis/core';
import { Actor, hasRole } from '@mutualis/identity';
import {
  CatalogueErrorCode,
  CatalogueException,
  offeringNotFound,
} from '../../catalogue.exception';
import type { VatTreatment } from '../../catalogue.types';
import { CategoryRepository } from '../../repositories/category.repository';
import { OfferingRepository } from '../../repositories/offering.repository';
import { OfferingRevisionsService } from '../../services/offering-revisions.service';
import { presentOffering } from '../../views/offering.view';
import type { ManagedOfferingView } from '../update-offering/update-offering.use-case';

export interface SetVatTreatmentCommand {
  actor: Actor;
  offeringId: string;
  vatTreatment: VatTreatment;
}

/**
 * The Chambre (an admin or finance) decides an offering's VAT treatment, since it is the seller
 * of record. It applies at once, also on a published offering, to bookings made from now on;
 * existing bookings keep their snapshot. One transaction, under the offering's lock.
 */
@Injectable()
export class SetVatTreatmentUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly offerings: OfferingRepository,
    private readonly revisionState: OfferingRevisionsService,
    private readonly categories: CategoryRepository,
    private readonly audit: AuditLog,
  ) {}

  async execute(command: SetVatTreatmentCommand): Promise<ManagedOfferingView> {
    if (!hasRole(command.actor, 'admin') && !hasRole(command.actor, 'finance')) {
      throw new CatalogueException(
        CatalogueErrorCode.VatTreatmentByChambre,
        'only a Chambre admin or finance may set the VAT treatment',
      );
    }
    const updated = await this.dataSource.transaction(async (manager) => {
      const offering = await this.offerings.findByIdForUpdate(command.offeringId, manager);
      if (!offering) throw offeringNotFound();
      if (offering.status === 'archived') {
        throw new CatalogueException(
          CatalogueErrorCode.OfferingNotEditable,
          'an archived offering cannot be edited',
        );
      }
      const changes = { vatTreatment: command.vatTreatment };
      const updated = await this.offerings.update(offering.id, changes, manager);
      const pricing = changedFields(offering, changes);
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
    const category = (await this.categories.mapByIds([updated.categoryId])).get(
      updated.categoryId,
    )!;
    return {
      ...presentOffering(updated, category, true),
      ...(await this.revisionState.stateOf(updated)),
    };
  }
}
