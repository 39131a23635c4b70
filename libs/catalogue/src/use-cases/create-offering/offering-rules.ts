import { FieldProblem } from '@mutualis/core';
import { CatalogueErrorCode, CatalogueException } from '../../catalogue.exception';
import { CancellationPolicy } from '../../catalogue.types';
import { Offering } from '../../entities/offering.entity';
import { pedagogyProblems, TrainingPedagogy } from '../../training-pedagogy';
import type { OfferingKind } from '../../catalogue.types';

export const MAX_REFUND_TIERS = 5;

/** The rules an offering obeys as a whole, each broken one reported on its field. */
export function assertValidOffering(
  offering: Pick<
    Offering,
    'memberPriceCents' | 'nonMemberPriceCents' | 'cancellationPolicy' | 'departments'
  >,
): void {
  const problems: FieldProblem[] = [];
  if (offering.memberPriceCents > offering.nonMemberPriceCents) {
    problems.push({ field: 'memberPriceCents', message: 'must not be above the non-member price' });
  }
  problems.push(...policyProblems(offering.cancellationPolicy));
  if (new Set(offering.departments).size !== offering.departments.length) {
    problems.push({ field: 'departments', message: 'must not repeat a département' });
  }
  if (problems.length > 0) {
    throw new CatalogueException(
      CatalogueErrorCode.InvalidOffering,
      problems.map((problem) => `${problem.field} ${problem.message}`).join('; '),
      problems,
    );
  }
}

/**
 * A training is submitted (or its published version revised) only with everything R6353-1 asks
 * for: a 422 listing each missing field.
 */
export function assertCompletePedagogy(
  kind: OfferingKind,
  pedagogy: TrainingPedagogy | null,
): void {
  const problems = pedagogyProblems(kind, pedagogy);
  if (problems.length > 0) {
    throw new CatalogueException(
      CatalogueErrorCode.IncompleteTraining,
      `a training states its objectives, prerequisites, public, programme, methods, accessibility and access time before it is submitted (R6353-1): ${problems.length} missing`,
      problems,
    );
  }
}

/** Tiers go from the earliest cancellation to the latest, and refund less and less. */
function policyProblems(policy: CancellationPolicy): FieldProblem[] {
  const field = 'cancellationPolicy.tiers';
  if (policy.tiers.length > MAX_REFUND_TIERS)
    return [{ field, message: `must have at most ${MAX_REFUND_TIERS} tiers` }];
  for (let index = 1; index < policy.tiers.length; index++) {
    const previous = policy.tiers[index - 1];
    const tier = policy.tiers[index];
    if (tier.daysBefore >= previous.daysBefore) {
      return [
        { field, message: 'must be ordered from the most days before the start to the fewest' },
      ];
    }
    if (tier.refundPercent > previous.refundPercent) {
      return [{ field, message: 'must not refund more for a later cancellation' }];
    }
  }
  return [];
}
