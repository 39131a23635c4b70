import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, changedFields, Clock, parisDate } from '@mutualis/core';
import { Actor, hasRole } from '@mutualis/identity';
import {
  CatalogueErrorCode,
  CatalogueException,
  offeringNotFound,
} from '../../catalogue.exception';
import { CategoryRepository } from '../../repositories/category.repository';
import { OfferingRepository } from '../../repositories/offering.repository';
import { OfferingVatSettingsRepository } from '../../repositories/offering-vat-settings.repository';
import { OfferingRevisionsService } from '../../services/offering-revisions.service';
import { assertVatTreatmentAllowed } from '../../services/offering-vat-policy';
import type { VatTreatment } from '../../vat-regimes';
import { presentOffering } from '../../views/offering.view';
import type { ManagedOfferingView } from '../update-offering/update-offering.use-case';

export interface SetVatTreatmentCommand {
  actor: Actor;
  offeringId: string;
  vatTreatment: VatTreatment;
}

/**
 * The Chambre (an admin or finance) decides an offering's VAT regime, since it is the seller of
 * record: one of the closed list, allowed for the offering's kind (the training exemption only
 * for a training, and only once the Chambre's DREETS attestation is dated in its settings).
 * Before publication it applies at once. On a published offering it goes back to moderation: a
 * revision awaiting an admin's approval while the published version, and its regime, stay live;
 * existing bookings keep the regime they snapshotted whatever is approved. One transaction,
 * under the offering's lock and a share lock on the VAT settings (an attestation cannot be
 * withdrawn under it).
 */
@Injectable()
export class SetVatTreatmentUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly offerings: OfferingRepository,
    private readonly vatSettings: OfferingVatSettingsRepository,
    private readonly revisionState: OfferingRevisionsService,
    private readonly categories: CategoryRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(command: SetVatTreatmentCommand): Promise<ManagedOfferingView> {
    if (!hasRole(command.actor, 'admin') && !hasRole(command.actor, 'finance')) {
      throw new CatalogueException(
        CatalogueErrorCode.VatTreatmentByChambre,
        'only a Chambre admin or finance may set the VAT regime',
      );
    }
    const { updated, state } = await this.dataSource.transaction(async (manager) => {
      const offering = await this.offerings.findByIdForUpdate(command.offeringId, manager);
      if (!offering) throw offeringNotFound();
      if (offering.status === 'archived') {
        throw new CatalogueException(
          CatalogueErrorCode.OfferingNotEditable,
          'an archived offering cannot be edited',
        );
      }
      const settings = await this.vatSettings.currentForShare(manager);
      assertVatTreatmentAllowed(
        offering.kind,
        command.vatTreatment,
        settings,
        parisDate(this.clock.now()),
      );
      const changes = { vatTreatment: command.vatTreatment };
      if (offering.status === 'published') {
        await this.revisionState.propose(offering, changes, command.actor.userId, manager);
        const proposed = changedFields(offering, changes);
        if (proposed) {
          await this.audit.record(manager, {
            action: 'offering.vat_treatment.proposed',
            entityType: 'offering',
            entityId: offering.id,
            ...proposed,
            context: { status: offering.status },
          });
        }
        return { updated: offering, state: await this.revisionState.stateOf(offering, manager) };
      }
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
      return { updated, state: await this.revisionState.stateOf(updated, manager) };
    });
    const category = (await this.categories.mapByIds([updated.categoryId])).get(
      updated.categoryId,
    )!;
    return { ...presentOffering(updated, category, true), ...state };
  }
}
