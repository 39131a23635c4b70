import { Money, STANDARD_VAT_RATE_BASIS_POINTS, vatOnBase } from '@mutualis/core';

/**
 * EN 16931 VAT category codes the Chambre uses: S standard rate, E exempt (professional training,
 * or every sale of a seller under the franchise), O not subject to VAT.
 */
export type VatCategory = 'S' | 'E' | 'O';

/** How an offering is taxed; the same values as the catalogue's VAT treatment. */
export type VatTreatmentKind = 'standard' | 'exempt_training' | 'not_subject';

export const TRAINING_EXEMPTION_REASON = 'Exonération de TVA, art. 261-4-4° du CGI';
export const FRANCHISE_EXEMPTION_REASON = 'TVA non applicable, art. 293 B du CGI';
export const NOT_SUBJECT_REASON = 'Opération non soumise à la TVA';

export interface VatTerms {
  vatCategory: VatCategory;
  vatRateBasisPoints: number;
  /** The legal mention printed for E and O; null for S. */
  exemptionReason: string | null;
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
  vatCategory: VatCategory;
  /** 2000 for 20 %; 0 for E and O. */
  vatRateBasisPoints: number;
  /** Required for E and O (EN 16931 BR-E-10, BR-O-10), absent for S (BR-S-10). */
  exemptionReason?: string | null;
}

export type InvoiceLineTotal = InvoiceLineInput & { lineTotalExclVatCents: number };

export interface VatBreakdownEntry {
  vatCategory: VatCategory;
  vatRateBasisPoints: number;
  taxableAmountCents: number;
  vatAmountCents: number;
  exemptionReason: string | null;
}

export interface InvoiceTotals {
  lines: InvoiceLineTotal[];
  /** One entry per category and rate: S by decreasing rate, then E, then O. */
  vatBreakdown: VatBreakdownEntry[];
  totalExclVatCents: number;
  totalVatCents: number;
  totalInclVatCents: number;
}

/** The category, rate and mention of a sale, given the offering's treatment and the seller's regime. */
export function vatCategoryFor(
  treatment: VatTreatmentKind,
  sellerUnderFranchise: boolean,
): VatTerms {
  // Under the franchise the seller charges no VAT at all, whatever it sells (art. 293 B).
  if (sellerUnderFranchise) {
    return { vatCategory: 'E', vatRateBasisPoints: 0, exemptionReason: FRANCHISE_EXEMPTION_REASON };
  }
  switch (treatment) {
    case 'standard':
      return {
        vatCategory: 'S',
        vatRateBasisPoints: STANDARD_VAT_RATE_BASIS_POINTS,
        exemptionReason: null,
      };
    case 'exempt_training':
      return {
        vatCategory: 'E',
        vatRateBasisPoints: 0,
        exemptionReason: TRAINING_EXEMPTION_REASON,
      };
    case 'not_subject':
      return { vatCategory: 'O', vatRateBasisPoints: 0, exemptionReason: NOT_SUBJECT_REASON };
  }
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
      });
      continue;
    }
    // One breakdown entry carries one mention: two grounds for one category is a data error.
    if (group.exemptionReason !== reason) {
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
