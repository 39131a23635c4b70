import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, changedFields } from '@mutualis/core';
import { OfferingVatSettingsChanges, OfferingVatSettingsService } from '@mutualis/catalogue';
import { Chambre } from '../entities/chambre.entity';
import { ChambreRepository } from '../repositories/chambre.repository';
import { ChambreView, presentChambre } from '../views/chambre.view';

/** Changes the Chambre's settings and records in the audit log the fields that really changed. */
@Injectable()
export class ChambreSettingsWriter {
  constructor(
    private readonly chambres: ChambreRepository,
    private readonly offeringVat: OfferingVatSettingsService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Applies the changes, to the Chambre and to its VAT policy for offerings, and records the
   * fields that really changed, in one transaction: all or nothing. `check` sees the settings as
   * they would be, under the row's lock, and may refuse them.
   */
  change(
    action: string,
    changes: Partial<Chambre>,
    offeringVatChanges: OfferingVatSettingsChanges = {},
    check: (next: Chambre) => void = () => undefined,
  ): Promise<ChambreView> {
    return this.dataSource.transaction(async (manager) => {
      const chambre = await this.chambres.currentForUpdate(manager);
      // Fields left out of a partial change (undefined) keep their value, as in the UPDATE.
      const given = Object.entries(changes).filter(([, value]) => value !== undefined);
      check({ ...chambre, ...Object.fromEntries(given) });
      const updated = await this.chambres.update(chambre.id, changes, manager);
      const changed = changedFields(chambre, changes);
      if (changed) {
        await this.audit.record(manager, {
          action,
          entityType: 'chambre',
          entityId: chambre.id,
          ...changed,
        });
      }
      return presentChambre(updated, await this.offeringVat.update(offeringVatChanges, manager));
    });
  }
}
