import type { FieldProblem } from '@mutualis/core';
import type { FeeBracket } from './fee-calculation';

/**
 * What makes a grid unusable, each with the failing field: a bracket whose upper bound is not
 * above its lower bound, and two brackets of one family and basis that overlap (a profile
 * would fit both, and its fee would depend on which one is read first).
 */
export function gridProblems(rates: readonly FeeBracket[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  rates.forEach((rate, index) => {
    if (rate.upperBound !== null && rate.upperBound <= rate.lowerBound) {
      problems.push({
        field: `rates.${index}.upperBound`,
        message: 'must be above lowerBound (or null: no upper bound)',
      });
    }
  });
  const groups = new Map<string, { rate: FeeBracket; index: number }[]>();
  rates.forEach((rate, index) => {
    const key = `${rate.family}|${rate.basis}`;
    groups.set(key, [...(groups.get(key) ?? []), { rate, index }]);
  });
  for (const group of groups.values()) {
    group.sort((a, b) => a.rate.lowerBound - b.rate.lowerBound);
    for (let i = 1; i < group.length; i++) {
      const previous = group[i - 1];
      const current = group[i];
      if (previous.rate.upperBound === null || previous.rate.upperBound > current.rate.lowerBound) {
        problems.push({
          field: `rates.${current.index}.lowerBound`,
          message: `overlaps the ${current.rate.family} ${current.rate.basis} bracket rates.${previous.index}`,
        });
      }
    }
  }
  return problems;
}
