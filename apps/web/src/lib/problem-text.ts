import type { TFunction } from 'i18next';
import type { Problem } from '../api/problem';

/**
 * The api speaks English (class-validator's wording, domain details); people here read French.
 * A problem is shown by its code when we know it, else by its status; a field error by the kind
 * of rule it broke.
 */
export function problemMessage(problem: Problem, t: TFunction): string {
  // A named problem (e-mail taken, SIRET taken) says more than "check the fields", even when
  // the api also points at the field.
  const byCode = `problem.code.${problem.code}`;
  if (i18nHas(t, byCode)) return t(byCode);
  if (problem.errors?.length) return t('problem.fieldsInvalid');
  return t(`problem.status.${problem.status}`, { defaultValue: t('problem.status.500') });
}

function i18nHas(t: TFunction, key: string): boolean {
  return t(key, { defaultValue: '' }) !== '';
}

const FIELD_RULES: [RegExp, string][] = [
  [/should not be empty|must be defined|is required|should not be null/i, 'problem.field.required'],
  [/must be an email/i, 'problem.field.email'],
  [/must be longer than|at least|too short/i, 'problem.field.tooShort'],
  [/must be shorter than|at most|too long/i, 'problem.field.tooLong'],
  [/is not an accepted field|must be one of/i, 'problem.field.notAccepted'],
  [
    /must be (a|an) (number|integer|positive)|must not be less|must not be greater/i,
    'problem.field.number',
  ],
  [/date|ISO 8601/i, 'problem.field.date'],
];

export function fieldMessage(message: string, t: TFunction): string {
  const rule = FIELD_RULES.find(([pattern]) => pattern.test(message));
  return t(rule ? rule[1] : 'problem.field.invalid');
}
