import { Injectable } from '@nestjs/common';
import type { OfferingVatSettingsChanges } from '@mutualis/catalogue';
import { ChambreSettingsWriter } from '../../services/chambre-settings-writer';
import { ChambreSettings, ChambreView } from '../../views/chambre.view';

export type ChambreSettingsChanges = Partial<ChambreSettings> & OfferingVatSettingsChanges;

/**
 * Admins edit the Chambre's legal identity and VAT settings; saving marks it reviewed, so
 * invoices waiting for it are issued. The VAT policy for offerings (training exemption
 * attestation, default regimes) is the catalogue's, saved in the same transaction.
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
    );
  }
}
