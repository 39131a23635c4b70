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
  'revenue_taxable' | 'revenue_exempt_training' | 'revenue_other' | 'revenue_membership'
>;

/** What the posting rules need to know of a document to choose its revenue accounts. */
export interface RevenueSource {
  /** The membership a cotisation invoice (or its credit note) bills; null or absent otherwise. */
  membershipId?: string | null;
}

/**
 * Where a sale's revenue goes: cotisations (756) for the documents of a membership, whatever
 * their VAT (out of scope or taxable: the VAT goes to its own account either way); else taxable
 * sales, sales exempt as professional continuing training (CGI 261-4-4° a), or the rest (other
 * exemptions, the franchise, out of scope). The one place that decides it: from the membership
 * the document names, then the VAT regime it names, else (documents issued before regimes were
 * named) from its category and exemption mention. Never from a description's text.
 */
export function revenueRoleFor(regime: RevenueRegime, source: RevenueSource = {}): RevenueRole {
  if (source.membershipId) return 'revenue_membership';
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
