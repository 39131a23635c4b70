import { Injectable } from '@nestjs/common';
import type { OfferingVatSettingsChanges } from '@mutualis/catalogue';
import { chambreIdentityProblems } from '../../domain/chambre-identity';
import { Chambre } from '../../entities/chambre.entity';
import { InvoicingErrorCode, InvoicingException } from '../../invoicing.exception';
import { ChambreSettingsWriter } from '../../services/chambre-settings-writer';
import { ChambreSettings, ChambreView } from '../../views/chambre.view';

export type ChambreSettingsChanges = Partial<ChambreSettings> & OfferingVatSettingsChanges;

/**
 * Admins edit the Chambre's legal identity and VAT settings; saving marks it reviewed, so
 * invoices waiting for it are issued. The VAT policy for offerings (training exemption
 * attestation, default regimes) is the catalogue's, saved in the same transaction. The identity
 * as a whole must then be printable: a change that leaves (or a save that finds) a wrong SIRET
 * or VAT number is refused, each problem on its field.
 */
@Injectable()
export class UpdateChambreSettingsUseCase {
  constructor(private readonly writer: ChambreSettingsWriter) {}

  async execute(settings: ChambreSettingsChanges): Promise<ChambreView> {
    const {
      trainingExemptionAttestedOn,
      defaultVatTreatmentTraining,
      defaultVatTreatmentOther,
      ...chambre
    } = settings;
    return this.writer.change(
      'chambre.updated',
      { ...chambre, configured: true },
      { trainingExemptionAttestedOn, defaultVatTreatmentTraining, defaultVatTreatmentOther },
      refuseUnprintableIdentity,
    );
  }
}

function refuseUnprintableIdentity(next: Chambre): void {
  const problems = chambreIdentityProblems(next);
  if (problems.length > 0) {
    throw new InvoicingException(
      InvoicingErrorCode.InvalidSettings,
      problems.map((problem) => `${problem.field} ${problem.message}`).join('; '),
      problems,
    );
  }
}
