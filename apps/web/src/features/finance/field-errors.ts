import type { TFunction } from 'i18next';
import { ApiProblem } from '../../api/problem';
import { fieldMessage } from '../../lib/problem-text';

/**
 * The error to show under each field: our own check's message (a key of the finance namespace)
 * first, else the api's, worded by the shared rules.
 */
export function mergeFieldErrors(
  local: Partial<Record<string, string>>,
  error: unknown,
  t: TFunction,
  tCommon: TFunction,
): Record<string, string> {
  const remote = error instanceof ApiProblem ? error.fieldErrors() : {};
  const merged: Record<string, string> = {};
  for (const [field, message] of Object.entries(remote))
    merged[field] = fieldMessage(message, tCommon);
  for (const [field, key] of Object.entries(local)) if (key) merged[field] = t(key);
  return merged;
}
