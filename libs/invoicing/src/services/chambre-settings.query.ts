import { Injectable } from '@nestjs/common';
import { ChambreRepository } from '../repositories/chambre.repository';
import { ChambreView, presentChambre } from '../views/chambre.view';

/**
 * The Chambre's legal identity and payment details, read by admins and by the contexts that
 * print them (mail senders, the FEC's SIREN).
 */
@Injectable()
export class ChambreSettingsQuery {
  constructor(private readonly chambres: ChambreRepository) {}

  async get(): Promise<ChambreView> {
    return presentChambre(await this.chambres.current());
  }
}
