import { Injectable } from '@nestjs/common';
import { ChambreSettingsWriter } from '../../services/chambre-settings-writer';
import { ChambreSettings, ChambreView, presentChambre } from '../../views/chambre.view';

/** Admins edit the Chambre's legal identity; saving marks it reviewed, so invoices waiting for it are issued. */
@Injectable()
export class UpdateChambreSettingsUseCase {
  constructor(private readonly writer: ChambreSettingsWriter) {}

  async execute(settings: Partial<ChambreSettings>): Promise<ChambreView> {
    return presentChambre(
      await this.writer.change('chambre.updated', { ...settings, configured: true }),
    );
  }
}
