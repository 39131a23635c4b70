import { Injectable } from '@nestjs/common';
import type { OfferingKind } from '../../catalogue.types';
import {
  DEFAULT_VAT_TREATMENTS,
  VAT_REGIME_CODES,
  VAT_REGIMES,
  VatCategory,
  VatRegimeCode,
} from '../../vat-regimes';

export interface VatRegimeView {
  code: VatRegimeCode;
  label: string;
  legalBasis: string | null;
  category: VatCategory;
  rateBasisPoints: number;
  vatexCode: string | null;
  mention: string | null;
  /** The kinds of offering the Chambre may sell under it; empty: never set on an offering. */
  offeringKinds: OfferingKind[];
  /** Whether the Chambre may make it the default for new offerings. */
  canBeDefault: boolean;
}

/** The closed list of VAT regimes with their legal basis, for the pages that show or choose one. */
@Injectable()
export class ListVatRegimesUseCase {
  execute(): VatRegimeView[] {
    return VAT_REGIME_CODES.map((code) => {
      const regime = VAT_REGIMES[code];
      return {
        code,
        label: regime.label,
        legalBasis: regime.legalBasis,
        category: regime.category,
        rateBasisPoints: regime.rateBasisPoints,
        vatexCode: regime.vatexCode,
        mention: regime.mention,
        offeringKinds: [...regime.offeringKinds],
        canBeDefault: (DEFAULT_VAT_TREATMENTS as readonly string[]).includes(code),
      };
    });
  }
}
