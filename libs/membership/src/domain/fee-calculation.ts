import type { CotisationVatTreatment, FeeBasis, MemberFamily } from '../membership.types';

/** The parts of a year's grid a fee is computed from. */
export interface FeeGrid {
  year: number;
  vatTreatment: CotisationVatTreatment;
  firstYearFeeCents: number | null;
  /** `YYYY-MM-DD` or null: joins on or after it pay pro rata of the whole months left. */
  prorataFrom: string | null;
  rates: FeeBracket[];
}

export interface FeeBracket {
  family: MemberFamily;
  basis: FeeBasis;
  lowerBound: number;
  upperBound: number | null;
  amountCents: number;
}

/** What an organisation declared: its family and its headcount and/or annual budget. */
export interface FeeProfile {
  family: MemberFamily;
  headcount: number | null;
  annualBudgetCents: number | null;
}

export interface FeeQuote {
  amountCents: number;
  description: string;
}

/** Why no fee applies (the calculator turns it into a MembershipException). */
export class NoFeeBracketError extends Error {}

const FAMILY_LABELS: Record<MemberFamily, string> = {
  association: 'association',
  cooperative: 'coopérative',
  mutual: 'mutuelle',
  foundation: 'fondation',
  commercial_ess: "entreprise commerciale de l'ESS",
  federation: 'fédération ou réseau',
};

// Headcount first: when a family's grid has brackets of both bases, employees are the measure
// the Chambre's statutes name first; the budget is for organisations without staff figures.
const BASIS_ORDER: FeeBasis[] = ['headcount', 'budget'];

/** The bracket of the profile's family that contains the value the profile has for its basis. */
export function bracketFor(rates: FeeBracket[], profile: FeeProfile): FeeBracket | null {
  for (const basis of BASIS_ORDER) {
    const value = basis === 'headcount' ? profile.headcount : profile.annualBudgetCents;
    if (value === null) continue;
    const bracket = rates.find(
      (rate) =>
        rate.family === profile.family &&
        rate.basis === basis &&
        value >= rate.lowerBound &&
        (rate.upperBound === null || value < rate.upperBound),
    );
    if (bracket) return bracket;
  }
  return null;
}

/**
 * The whole calendar months left in the year from a day (`YYYY-MM-DD`): joining on the 1st
 * counts that month, joining later in the month does not.
 */
export function wholeMonthsLeft(day: string): number {
  const [, month, date] = day.split('-').map(Number);
  return 12 - month + (date === 1 ? 1 : 0);
}

/** amount × months / 12, rounded half-up in integer arithmetic. */
export function prorate(amountCents: number, months: number): number {
  return Math.floor((amountCents * months * 2 + 12) / 24);
}

/**
 * The fee of a profile in a year's grid: the first-year fee when joining and the grid has one,
 * else its bracket's amount; pro rata of the whole months left when joining on or after the
 * grid's `prorataFrom` (`on` is the Paris calendar day of the join).
 */
export function computeFee(
  grid: FeeGrid,
  profile: FeeProfile,
  options: { joining: boolean; on: string },
): FeeQuote {
  const family = FAMILY_LABELS[profile.family];
  const firstYear = options.joining && grid.firstYearFeeCents !== null;
  let amountCents: number;
  let description: string;
  if (firstYear) {
    amountCents = grid.firstYearFeeCents!;
    description = `Cotisation ${grid.year} — ${family}, première adhésion`;
  } else {
    const bracket = bracketFor(grid.rates, profile);
    if (!bracket) throw new NoFeeBracketError(`no bracket of the ${grid.year} grid fits`);
    amountCents = bracket.amountCents;
    description = `Cotisation ${grid.year} — ${family}, ${bracketLabel(bracket)}`;
  }
  if (
    options.joining &&
    grid.prorataFrom !== null &&
    options.on >= grid.prorataFrom &&
    options.on.startsWith(`${grid.year}-`)
  ) {
    const months = wholeMonthsLeft(options.on);
    amountCents = prorate(amountCents, months);
    description += `, prorata ${months}/12`;
  }
  return { amountCents, description };
}

/** « Cotisation 2027 — association » : the description of an overridden fee. */
export function overrideDescription(year: number, family: MemberFamily | null): string {
  return family ? `Cotisation ${year} — ${FAMILY_LABELS[family]}` : `Cotisation ${year}`;
}

export function familyLabel(family: MemberFamily): string {
  return FAMILY_LABELS[family];
}

const EUROS = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** « 10 à 49 salariés », « moins de 10 salariés », « budget de 500 000 € et plus »… */
export function bracketLabel(bracket: FeeBracket): string {
  const { lowerBound: lower, upperBound: upper } = bracket;
  if (bracket.basis === 'headcount') {
    if (upper === null) return `${lower} salariés et plus`;
    if (lower === 0) return `moins de ${upper} salariés`;
    return `${lower} à ${upper - 1} salariés`;
  }
  // Budgets are in cents; brackets are whole euros in practice, cents are dropped in the label.
  const euros = (cents: number) => `${EUROS.format(Math.floor(cents / 100))} €`;
  if (upper === null) return `budget de ${euros(lower)} et plus`;
  if (lower === 0) return `budget de moins de ${euros(upper)}`;
  return `budget de ${euros(lower)} à moins de ${euros(upper)}`;
}
