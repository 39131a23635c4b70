import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem';
import { problemMessage } from '../lib/problem-text';

/**
 * An error from the api in plain words, announced to screen readers. Renders nothing without one.
 * `ns` names an area whose messages word problems only that area meets
 * (`<ns>:problem.code.<code>`); the common messages cover the rest.
 */
export function ProblemAlert({ error, ns }: { error: unknown; ns?: string }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error.problem : null;
  const areaKey = problem && ns ? `${ns}:problem.code.${problem.code}` : null;
  const text =
    areaKey && !problem?.errors?.length && i18n.exists(areaKey)
      ? t(areaKey)
      : problem
        ? problemMessage(problem, t)
        : t('problem.status.500');
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{t('problem.title')}</p>
      <p>{text}</p>
      {problem?.requestId && problem.status >= 500 ? (
        <p className="muted">{t('problem.reference', { requestId: problem.requestId })}</p>
      ) : null}
    </div>
  );
}
