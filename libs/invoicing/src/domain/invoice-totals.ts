import { Money, vatOnBase } from '@mutualis/core';
import {
  BookedVatTreatment,
  VAT_REGIMES,
  VatCategory,
  VatRegimeCode,
  vatRegime,
} from '@mutualis/catalogue';

export type { VatCategory, VatRegimeCode } from '@mutualis/catalogue';

export const TRAINING_EXEMPTION_REASON = VAT_REGIMES.exempt_training.mention;
export const FRANCHISE_EXEMPTION_REASON = VAT_REGIMES.franchise.mention;

export interface VatTerms {
  vatRegime: VatRegimeCode;
  vatCategory: VatCategory;
  vatRateBasisPoints: number;
  /** The legal mention printed for E and O (BT-120); null for S. */
  exemptionReason: string | null;
  /** BT-121, from the CEF VATEX list; null for S. */
  vatexCode: string | null;
}

/**
 * A line as sold. Credit notes carry positive amounts too: their type code (381) says they
 * credit, so no line is ever negative.
 */
export interface InvoiceLineInput {
  /** May hold several lines (session date, attendees), separated by `\n`. */
  description: string;
  /** An integer, at least 1. */
  quantity: number;
  /** Integer cents, at least 0. */
  unitPriceExclVatCents: number;
  /** The regime it is sold under; its category, rate and VATEX code must be the regime's. */
  vatRegime: VatRegimeCode;
  vatCategory: VatCategory;
  /** 2000 for 20 %; 0 for E and O. */
  vatRateBasisPoints: number;
  /** Required for E and O (EN 16931 BR-E-10, BR-O-10), absent for S (BR-S-10). */
  exemptionReason?: string | null;
}

export type InvoiceLineTotal = InvoiceLineInput & {
  lineTotalExclVatCents: number;
  vatexCode: string | null;
};

export interface VatBreakdownEntry {
  vatCategory: VatCategory;
  vatRateBasisPoints: number;
  taxableAmountCents: number;
  vatAmountCents: number;
  exemptionReason: string | null;
  /** The regime of the lines it sums: the accounting splits revenue by it. */
  vatRegime: VatRegimeCode;
  vatexCode: string | null;
}

export interface InvoiceTotals {
  lines: InvoiceLineTotal[];
  /** One entry per category and rate: S by decreasing rate, then E, then O. */
  vatBreakdown: VatBreakdownEntry[];
  totalExclVatCents: number;
  totalVatCents: number;
  totalInclVatCents: number;
}

/**
 * The regime, category, rate and mention of a sale, given the regime the booking snapshotted
 * and the seller's. Under the franchise (art. 293 B) the seller charges no VAT on what would be
 * taxable; what is exempt under its own article (training, services to members) or out of scope
 * stays so, and says so with its own provision.
 */
export function vatTermsFor(
  treatment: BookedVatTreatment,
  sellerUnderFranchise: boolean,
): VatTerms {
  const code: VatRegimeCode =
    sellerUnderFranchise && treatment === 'standard' ? 'franchise' : treatment;
  const regime = vatRegime(code);
  return {
    vatRegime: code,
    vatCategory: regime.category,
    vatRateBasisPoints: regime.rateBasisPoints,
    exemptionReason: regime.mention,
    vatexCode: regime.vatexCode,
  };
}

/**
 * The regime of a cotisation, as the Chambre's fee schedule decides it: out of the scope of VAT
 * when it buys no individualised service (CGI art. 256), else taxable at the standard rate
 * (then under the franchise when the Chambre is, like any taxable sale).
 */
export function membershipVatTermsFor(
  treatment: 'out_of_scope' | 'taxable',
  sellerUnderFranchise: boolean,
): VatTerms {
  if (treatment === 'taxable') return vatTermsFor('standard', sellerUnderFranchise);
  const regime = vatRegime('out_of_scope_membership');
  return {
    vatRegime: 'out_of_scope_membership',
    vatCategory: regime.category,
    vatRateBasisPoints: regime.rateBasisPoints,
    exemptionReason: regime.mention,
    vatexCode: regime.vatexCode,
  };
}

/**
 * Line totals, the VAT breakdown and the invoice totals. VAT is computed once per (category,
 * rate) on the sum of its lines, rounded half-up to the cent (EN 16931 BR-CO-17, French
 * practice), never per line: per-line rounding drifts by a cent every few lines. Every amount is
 * integer cents; RangeError for anything that is not a well-formed line.
 */
export function computeInvoiceTotals(lines: readonly InvoiceLineInput[]): InvoiceTotals {
  if (lines.length === 0) throw new RangeError('An invoice needs at least one line');

  const totals = lines.map((line, index) => {
    assertLine(line, index);
    return {
      ...line,
      lineTotalExclVatCents: Money.ofCents(line.unitPriceExclVatCents).times(line.quantity).cents,
      vatexCode: vatRegime(line.vatRegime).vatexCode,
    };
  });

  const groups = new Map<string, VatBreakdownEntry>();
  for (const line of totals) {
    const key = `${line.vatCategory}:${line.vatRateBasisPoints}`;
    const reason = line.exemptionReason ?? null;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, {
        vatCategory: line.vatCategory,
        vatRateBasisPoints: line.vatRateBasisPoints,
        taxableAmountCents: line.lineTotalExclVatCents,
        vatAmountCents: 0,
        exemptionReason: reason,
        vatRegime: line.vatRegime,
        vatexCode: line.vatexCode,
      });
      continue;
    }
    // One breakdown entry carries one mention and one regime: two grounds for one category is a
    // data error (and EN 16931 allows a single E or O entry: BR-E-01, BR-O-01).
    if (group.exemptionReason !== reason || group.vatRegime !== line.vatRegime) {
      throw new RangeError(
        `Lines of category ${line.vatCategory} give different exemption reasons: ` +
          `${JSON.stringify(group.exemptionReason)} and ${JSON.stringify(reason)}`,
      );
    }
    group.taxableAmountCents = Money.ofCents(group.taxableAmountCents).plus(
      Money.ofCents(line.lineTotalExclVatCents),
    ).cents;
  }

  const vatBreakdown = [...groups.values()].sort(byCategoryThenRate).map((group) => ({
    ...group,
    vatAmountCents: vatOnBase(group.taxableAmountCents, group.vatRateBasisPoints),
  }));

  const totalExcl = Money.sum(vatBreakdown.map((group) => Money.ofCents(group.taxableAmountCents)));
  const totalVat = Money.sum(vatBreakdown.map((group) => Money.ofCents(group.vatAmountCents)));
  return {
    lines: totals,
    vatBreakdown,
    totalExclVatCents: totalExcl.cents,
    totalVatCents: totalVat.cents,
    totalInclVatCents: totalExcl.plus(totalVat).cents,
  };
}

const CATEGORY_ORDER: Record<VatCategory, number> = { S: 0, E: 1, O: 2 };

function byCategoryThenRate(a: VatBreakdownEntry, b: VatBreakdownEntry): number {
  return (
    CATEGORY_ORDER[a.vatCategory] - CATEGORY_ORDER[b.vatCategory] ||
    b.vatRateBasisPoints - a.vatRateBasisPoints
  );
}

function assertLine(line: InvoiceLineInput, index: number): void {
  const where = `line ${index + 1}`;
  if (line.description.trim() === '') throw new RangeError(`${where}: the description is empty`);
  if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
    throw new RangeError(
      `${where}: quantity must be an integer of at least 1, got ${line.quantity}`,
    );
  }
  if (!Number.isSafeInteger(line.unitPriceExclVatCents) || line.unitPriceExclVatCents < 0) {
    throw new RangeError(
      `${where}: the unit price must be a whole, non-negative number of cents, got ${line.unitPriceExclVatCents}`,
    );
  }
  const rate = line.vatRateBasisPoints;
  if (!Number.isSafeInteger(rate) || rate < 0 || rate > 10_000) {
    throw new RangeError(`${where}: the VAT rate must be 0 to 10 000 basis points, got ${rate}`);
  }
  const regime = VAT_REGIMES[line.vatRegime] ?? null;
  if (!regime) throw new RangeError(`${where}: unknown VAT regime ${String(line.vatRegime)}`);
  if (regime.category !== line.vatCategory || regime.rateBasisPoints !== rate) {
    throw new RangeError(
      `${where}: the regime ${line.vatRegime} is category ${regime.category} at ${regime.rateBasisPoints} basis points, not ${line.vatCategory} at ${rate}`,
    );
  }
  const reason = line.exemptionReason ?? null;
  switch (line.vatCategory) {
    case 'S':
      if (rate === 0) throw new RangeError(`${where}: a standard-rated line needs a rate`);
      if (reason !== null) {
        throw new RangeError(`${where}: a standard-rated line has no exemption reason`);
      }
      return;
    case 'E':
    case 'O':
      if (rate !== 0) {
        throw new RangeError(`${where}: a line of category ${line.vatCategory} has no VAT rate`);
      }
      if (reason === null || reason.trim() === '') {
        throw new RangeError(
          `${where}: a line of category ${line.vatCategory} needs its exemption reason`,
        );
      }
      return;
    default:
      throw new RangeError(`${where}: unknown VAT category ${String(line.vatCategory)}`);
  }
}
