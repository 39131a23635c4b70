import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, changedFields, Clock, FieldProblem, parisDate } from '@mutualis/core';
import { CatalogueErrorCode, CatalogueException } from '../catalogue.exception';
import { OfferingVatSettings } from '../entities/offering-vat-settings.entity';
import { OfferingVatSettingsRepository } from '../repositories/offering-vat-settings.repository';
import { DEFAULT_VAT_TREATMENTS, VatTreatment } from '../vat-regimes';
import { vatTreatmentProblems } from './offering-vat-policy';

/** The Chambre's VAT policy for its offerings, as its settings page shows it. */
export interface OfferingVatSettingsView {
  /** Date of the DREETS attestation (form 3511-SD) of the training exemption; not the NDA. */
  trainingExemptionAttestedOn: string | null;
  /** The regime a new training gets. */
  defaultVatTreatmentTraining: VatTreatment;
  /** The regime a new offering of another kind gets. */
  defaultVatTreatmentOther: VatTreatment;
  /** Offerings not archived sold, or proposed to be sold, under the training exemption. */
  offeringsUnderTrainingExemption: number;
}

export type OfferingVatSettingsChanges = Partial<
  Omit<OfferingVatSettingsView, 'offeringsUnderTrainingExemption'>
>;

/**
 * Reads and changes the Chambre's VAT policy for offerings. Invoicing presents it with the
 * Chambre's other settings and saves both in one transaction (it passes its manager).
 */
@Injectable()
export class OfferingVatSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: OfferingVatSettingsRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async get(manager: EntityManager = this.dataSource.manager): Promise<OfferingVatSettingsView> {
    return this.present(await this.settings.current(manager), manager);
  }

  /**
   * Applies the changes in the caller's transaction, under the settings' lock: an attestation is
   * not dated in the future; the defaults are regimes their kind may take (the training exemption
   * only once attested); and the attestation date cannot be removed while offerings are, or are
   * proposed to be, sold under the exemption (409: change their regime first).
   */
  async update(
    asked: OfferingVatSettingsChanges,
    manager: EntityManager,
  ): Promise<OfferingVatSettingsView> {
    // Left out (undefined) is unchanged; null is a value (no attestation).
    const changes = Object.fromEntries(
      Object.entries(asked).filter(([, value]) => value !== undefined),
    ) as OfferingVatSettingsChanges;
    if (Object.keys(changes).length === 0) return this.get(manager);
    const current = await this.settings.currentForUpdate(manager);
    const next = { ...current, ...changes };
    const today = parisDate(this.clock.now());
    const problems: FieldProblem[] = [];
    if (
      next.trainingExemptionAttestedOn !== null &&
      !isCalendarDate(next.trainingExemptionAttestedOn)
    ) {
      problems.push({ field: 'trainingExemptionAttestedOn', message: 'must be a real date' });
    } else if (
      next.trainingExemptionAttestedOn !== null &&
      next.trainingExemptionAttestedOn > today
    ) {
      problems.push({
        field: 'trainingExemptionAttestedOn',
        message: 'must not be in the future: record the attestation once the DREETS has issued it',
      });
    }
    for (const field of ['defaultVatTreatmentTraining', 'defaultVatTreatmentOther'] as const) {
      if (!(DEFAULT_VAT_TREATMENTS as readonly string[]).includes(next[field])) {
        problems.push({ field, message: `must be one of ${DEFAULT_VAT_TREATMENTS.join(', ')}` });
      }
    }
    if (problems.length === 0) {
      problems.push(
        ...vatTreatmentProblems(
          'training',
          next.defaultVatTreatmentTraining,
          next,
          today,
          'defaultVatTreatmentTraining',
        ),
        ...vatTreatmentProblems(
          'consultation',
          next.defaultVatTreatmentOther,
          next,
          today,
          'defaultVatTreatmentOther',
        ),
      );
    }
    if (problems.length > 0) {
      throw new CatalogueException(
        CatalogueErrorCode.VatTreatmentNotAllowed,
        problems.map((problem) => `${problem.field} ${problem.message}`).join('; '),
        problems,
      );
    }
    if (current.trainingExemptionAttestedOn !== null && next.trainingExemptionAttestedOn === null) {
      const inUse = await this.settings.countLiveUnder('exempt_training', manager);
      if (inUse > 0) {
        throw new CatalogueException(
          CatalogueErrorCode.TrainingExemptionInUse,
          `${inUse} offering(s) are sold or proposed under the training exemption; give them another VAT regime before removing the attestation`,
          [{ field: 'trainingExemptionAttestedOn', message: 'is relied on by offerings' }],
        );
      }
    }
    const updated = await this.settings.update(changes, manager);
    const changed = changedFields(current, changes);
    if (changed) {
      await this.audit.record(manager, {
        action: 'chambre.vat_policy.changed',
        entityType: 'offering_vat_settings',
        entityId: 'default',
        ...changed,
      });
    }
    return this.present(updated, manager);
  }

  private async present(
    settings: OfferingVatSettings,
    manager: EntityManager,
  ): Promise<OfferingVatSettingsView> {
    return {
      trainingExemptionAttestedOn: settings.trainingExemptionAttestedOn,
      defaultVatTreatmentTraining: settings.defaultVatTreatmentTraining,
      defaultVatTreatmentOther: settings.defaultVatTreatmentOther,
      offeringsUnderTrainingExemption: await this.settings.countLiveUnder(
        'exempt_training',
        manager,
      ),
    };
  }
}

function isCalendarDate(value: string): boolean {
  const instant = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(instant.getTime()) && instant.toISOString().slice(0, 10) === value;
}
