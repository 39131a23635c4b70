import type { CotisationVatTreatment } from '../membership.types';

/**
 * The legal mention a membership invoice prints for the Chambre's VAT decision on cotisations.
 * The one place it is written here: when the catalogue's `out_of_scope_membership` VAT regime
 * (libs/catalogue/src/vat-regimes.ts) is merged, the out-of-scope text comes from it instead.
 * A cotisation without an individualised counterpart is outside the scope of VAT (CGI art. 256,
 * no consideration); one that buys reduced prices is taxable at the standard rate.
 */
export const COTISATION_VAT_MENTIONS: Record<CotisationVatTreatment, string> = {
  out_of_scope:
    'Cotisation sans contrepartie individualisée, hors du champ de la TVA, art. 256 du CGI',
  taxable: 'TVA 20 %',
};

export function cotisationVatMention(treatment: CotisationVatTreatment): string {
  return COTISATION_VAT_MENTIONS[treatment];
}
