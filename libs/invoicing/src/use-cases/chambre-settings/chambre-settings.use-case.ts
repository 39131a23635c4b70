import { Injectable } from '@nestjs/common';
import { Chambre } from '../../entities/chambre.entity';
import { ChambreRepository } from '../../repositories/chambre.repository';

export type ChambreSettings = Omit<
  Chambre,
  'id' | 'slug' | 'createdAt' | 'updatedAt' | 'configured'
>;

export interface ChambreView extends ChambreSettings {
  configured: boolean;
  updatedAt: string;
}

function present(chambre: Chambre): ChambreView {
  const { id: _id, slug: _slug, createdAt: _created, updatedAt, ...settings } = chambre;
  return { ...settings, updatedAt: updatedAt.toISOString() };
}

/** The Chambre's legal identity and payment details, snapshotted by each invoice it issues (admins). */
@Injectable()
export class ChambreSettingsUseCase {
  constructor(private readonly chambres: ChambreRepository) {}

  async get(): Promise<ChambreView> {
    return present(await this.chambres.current());
  }

  /** Saving the settings marks them reviewed: invoices waiting for them are issued. */
  async update(settings: Partial<ChambreSettings>): Promise<ChambreView> {
    const chambre = await this.chambres.current();
    return present(await this.chambres.update(chambre.id, { ...settings, configured: true }));
  }
}
