import { Injectable } from '@nestjs/common';
import { ChambreSettingsWriter } from '../../services/chambre-settings-writer';
import { ChambreView } from '../../views/chambre.view';

@Injectable()
export class RemoveChambreLogoUseCase {
  constructor(private readonly writer: ChambreSettingsWriter) {}

  /** New invoices print no logo; issued ones keep theirs. */
  async execute(): Promise<ChambreView> {
    return this.writer.change('chambre.logo.removed', { logoPath: null });
  }
}
