import type { TFunction } from 'i18next';
import { formatMoney } from '../../../lib/format';
import type { FeeRate } from './types';

/**
 * A bracket in words: « 10 à 49 salariés », « 50 salariés et plus », « budget de 100 000 € à
 * 499 999,99 € ». Bounds: lower included, upper excluded, so the upper shown is one below.
 */
export function bracketLabel(
  rate: Pick<FeeRate, 'basis' | 'lowerBound' | 'upperBound'>,
  t: TFunction,
  language: string,
): string {
  if (rate.basis === 'headcount') {
    return rate.upperBound === null
      ? t('membership:bracket.headcountFrom', { from: rate.lowerBound })
      : t('membership:bracket.headcountRange', { from: rate.lowerBound, to: rate.upperBound - 1 });
  }
  return rate.upperBound === null
    ? t('membership:bracket.budgetFrom', { from: formatMoney(rate.lowerBound, language) })
    : t('membership:bracket.budgetRange', {
        from: formatMoney(rate.lowerBound, language),
        to: formatMoney(rate.upperBound - 1, language),
      });
}
