import type { AccountRole } from '../journal/entry-draft';

/** What the posting rules need to know of a VAT breakdown entry to choose its revenue account. */
export interface RevenueRegime {
  vatCategory: 'S' | 'E' | 'O';
  /** The legal mention printed for E and O (null for S). */
  exemptionReason: string | null;
  /** The VAT regime the Chambre set (standard, exempt_training…), on documents that name it. */
  vatRegime?: string | null;
}

export type RevenueRole = Extract<
  AccountRole,
  'revenue_taxable' | 'revenue_exempt_training' | 'revenue_other'
>;

/**
 * Where a sale's revenue goes: taxable sales, sales exempt as professional continuing training
 * (CGI 261-4-4° a), or the rest (other exemptions, the franchise, out of scope). The one place
 * that decides it: from the VAT regime the document names, else (documents issued before
 * regimes were named) from its category and exemption mention.
 */
export function revenueRoleFor(regime: RevenueRegime): RevenueRole {
  if (regime.vatRegime) {
    if (regime.vatRegime === 'standard') return 'revenue_taxable';
    if (regime.vatRegime === 'exempt_training') return 'revenue_exempt_training';
    return 'revenue_other';
  }
  switch (regime.vatCategory) {
    case 'S':
      return 'revenue_taxable';
    case 'E':
      return isTrainingExemption(regime.exemptionReason)
        ? 'revenue_exempt_training'
        : 'revenue_other';
    case 'O':
      return 'revenue_other';
  }
}

/** The training exemption's mention cites art. 261, 4, 4° (a) of the CGI, however it is spelled. */
function isTrainingExemption(reason: string | null): boolean {
  if (!reason) return false;
  return reason.replace(/[\s,.-]/g, '').includes('26144°');
}
