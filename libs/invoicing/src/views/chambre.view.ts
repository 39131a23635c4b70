import { Chambre } from '../entities/chambre.entity';

export type ChambreSettings = Omit<
  Chambre,
  'id' | 'slug' | 'createdAt' | 'updatedAt' | 'configured' | 'logoPath'
>;

export interface ChambreView extends ChambreSettings {
  configured: boolean;
  /** Whether invoices print a logo; the image itself is at `GET /chambre/logo`. */
  hasLogo: boolean;
  updatedAt: string;
}

export interface ChambreLogo {
  content: Buffer;
  mediaType: LogoMediaType;
}

export type LogoMediaType = 'image/png' | 'image/jpeg';

export function presentChambre(chambre: Chambre): ChambreView {
  const { id: _id, slug: _slug, createdAt: _created, logoPath, updatedAt, ...settings } = chambre;
  return { ...settings, hasLogo: logoPath !== null, updatedAt: updatedAt.toISOString() };
}
