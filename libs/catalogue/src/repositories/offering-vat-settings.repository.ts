import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import { Offering } from '../entities/offering.entity';
import { OfferingRevision } from '../entities/offering-revision.entity';
import { OfferingVatSettings } from '../entities/offering-vat-settings.entity';
import type { VatTreatment } from '../vat-regimes';

@Injectable()
export class OfferingVatSettingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  current(manager: EntityManager = this.dataSource.manager): Promise<OfferingVatSettings> {
    return manager.findOneByOrFail(OfferingVatSettings, { singleton: true });
  }

  /** The row locked until the caller's transaction ends: a change and the checks it rests on. */
  currentForUpdate(manager: EntityManager): Promise<OfferingVatSettings> {
    return manager.findOneOrFail(OfferingVatSettings, {
      where: { singleton: true },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** The row share-locked: what a decision rests on cannot change until it commits. */
  currentForShare(manager: EntityManager): Promise<OfferingVatSettings> {
    return manager.findOneOrFail(OfferingVatSettings, {
      where: { singleton: true },
      lock: { mode: 'pessimistic_read' },
    });
  }

  async update(
    changes: Partial<Omit<OfferingVatSettings, 'singleton' | 'updatedAt'>>,
    manager: EntityManager,
  ): Promise<OfferingVatSettings> {
    if (Object.keys(changes).length > 0) {
      await manager.update(OfferingVatSettings, { singleton: true }, changes);
    }
    return this.current(manager);
  }

  /**
   * Offerings not archived that are, or would be once a pending revision is approved, sold under
   * a regime (index offerings_vat_treatment_idx; pending revisions are few).
   */
  async countLiveUnder(
    treatment: VatTreatment,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const [live, proposed] = await Promise.all([
      manager.countBy(Offering, { vatTreatment: treatment, status: Not('archived') }),
      manager.countBy(OfferingRevision, { vatTreatment: treatment, status: 'pending' }),
    ]);
    return live + proposed;
  }
}
