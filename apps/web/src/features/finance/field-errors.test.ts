import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../api/problem';
import { mergeFieldErrors } from './field-errors';

describe('mergeFieldErrors', () => {
  const t = i18n.getFixedT('fr', 'finance');
  const tCommon = i18n.getFixedT('fr', 'common');
  const problem = new ApiProblem({
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'invalid',
    code: 'validation_failed',
    errors: [
      { field: 'reason', message: 'reason should not be empty' },
      { field: 'amountCents', message: 'amountCents must not be greater than 100000000' },
    ],
  });

  it('words the api field errors in French', () => {
    expect(mergeFieldErrors({}, problem, t, tCommon)).toEqual({
      reason: 'Ce champ est obligatoire.',
      amountCents: 'Saisissez un nombre.',
    });
  });

  it('prefers our own, more precise, message for a field', () => {
    expect(
      mergeFieldErrors({ amountCents: 'creditNote.errors.amountTooLarge' }, problem, t, tCommon)
        .amountCents,
    ).toBe("L'avoir ne peut pas dépasser le montant encore créditable.");
    expect(mergeFieldErrors({ from: undefined }, null, t, tCommon)).toEqual({});
  });
});
