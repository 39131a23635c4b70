import { VAT_REGIMES } from '@mutualis/catalogue';
import type { CotisationVatTreatment } from '../membership.types';

/**
 * The legal mention a membership invoice prints for the Chambre's VAT decision on cotisations:
 * out of scope, the catalogue's `out_of_scope_membership` regime's (no individualised
 * counterpart, CGI art. 256); taxable, the standard rate.
 */
export const COTISATION_VAT_MENTIONS: Record<CotisationVatTreatment, string> = {
  out_of_scope: VAT_REGIMES.out_of_scope_membership.mention,
  taxable: 'TVA 20 %',
};

export function cotisationVatMention(treatment: CotisationVatTreatment): string {
  return COTISATION_VAT_MENTIONS[treatment];
}
