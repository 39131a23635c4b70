import { Injectable } from '@nestjs/common';
import { OfferingVatSettingsService } from '@mutualis/catalogue';
import { ChambreRepository } from '../repositories/chambre.repository';
import { ChambreView, presentChambre } from '../views/chambre.view';

/**
 * The Chambre's legal identity, payment details and VAT settings, read by admins and by the
 * contexts that print them (mail senders, the FEC's SIREN).
 */
@Injectable()
export class ChambreSettingsQuery {
  constructor(
    private readonly chambres: ChambreRepository,
    private readonly offeringVat: OfferingVatSettingsService,
  ) {}

  async get(): Promise<ChambreView> {
    const [chambre, offeringVat] = await Promise.all([
      this.chambres.current(),
      this.offeringVat.get(),
    ]);
    return presentChambre(chambre, offeringVat);
  }
}
