import type { OfferingVatSettingsView } from '@mutualis/catalogue';
import { Chambre } from '../entities/chambre.entity';

export type ChambreSettings = Omit<
  Chambre,
  'id' | 'slug' | 'createdAt' | 'updatedAt' | 'configured' | 'logoPath'
>;

/**
 * The Chambre's settings as its settings page shows them: its identity and invoicing settings,
 * and its VAT policy for offerings (held by the catalogue, beside the offerings it governs).
 */
export interface ChambreView extends ChambreSettings, OfferingVatSettingsView {
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

export function presentChambre(
  chambre: Chambre,
  offeringVat: OfferingVatSettingsView,
): ChambreView {
  const { id: _id, slug: _slug, createdAt: _created, logoPath, updatedAt, ...settings } = chambre;
  return {
    ...settings,
    ...offeringVat,
    hasLogo: logoPath !== null,
    updatedAt: updatedAt.toISOString(),
  };
}
