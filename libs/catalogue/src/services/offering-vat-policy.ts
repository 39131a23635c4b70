import { FieldProblem } from '@mutualis/core';
import { CatalogueErrorCode, CatalogueException } from '../catalogue.exception';
import type { OfferingKind } from '../catalogue.types';
import type { OfferingVatSettings } from '../entities/offering-vat-settings.entity';
import { VAT_REGIMES, VatTreatment } from '../vat-regimes';

/** The regime a new offering of this kind gets until the Chambre decides otherwise. */
export function defaultVatTreatment(
  kind: OfferingKind,
  settings: Pick<
    OfferingVatSettings,
    'defaultVatTreatmentTraining' | 'defaultVatTreatmentOther' | 'trainingExemptionAttestedOn'
  >,
  today: string,
): VatTreatment {
  const preferred =
    kind === 'training' ? settings.defaultVatTreatmentTraining : settings.defaultVatTreatmentOther;
  // A default that no longer holds (an attestation dated in the future) falls back to 20 %.
  return vatTreatmentProblems(kind, preferred, settings, today).length === 0
    ? preferred
    : 'standard';
}

/**
 * Why an offering of this kind cannot be sold under this regime today, if it cannot: the regime
 * is not for its kind (the training exemption is for training only), or it is the training
 * exemption and the Chambre has not recorded the date of its DREETS attestation (form 3511-SD),
 * or that date is still to come. `field` names the input the problems are reported on.
 */
export function vatTreatmentProblems(
  kind: OfferingKind,
  treatment: VatTreatment,
  settings: Pick<OfferingVatSettings, 'trainingExemptionAttestedOn'>,
  today: string,
  field = 'vatTreatment',
): FieldProblem[] {
  const regime = VAT_REGIMES[treatment];
  if (!(regime.offeringKinds as readonly string[]).includes(kind)) {
    return [
      {
        field,
        message: `${regime.label} (${regime.legalBasis}) does not apply to an offering of kind ${kind}`,
      },
    ];
  }
  if (treatment === 'exempt_training') {
    const attested = settings.trainingExemptionAttestedOn;
    if (attested === null || attested > today) {
      return [
        {
          field,
          message:
            attested === null
              ? 'the training exemption needs the date of the Chambre’s DREETS attestation (form 3511-SD) in its settings'
              : `the Chambre’s training exemption is attested from ${attested} only`,
        },
      ];
    }
  }
  return [];
}

/** Throws the problems above as one 422. */
export function assertVatTreatmentAllowed(
  kind: OfferingKind,
  treatment: VatTreatment,
  settings: Pick<OfferingVatSettings, 'trainingExemptionAttestedOn'>,
  today: string,
): void {
  const problems = vatTreatmentProblems(kind, treatment, settings, today);
  if (problems.length === 0) return;
  const code =
    treatment === 'exempt_training' && kind === 'training'
      ? CatalogueErrorCode.TrainingExemptionNotAttested
      : CatalogueErrorCode.VatTreatmentNotAllowed;
  throw new CatalogueException(code, problems[0].message, problems);
}
