import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem';
import { problemMessage } from '../lib/problem-text';

/** An error from the api in plain words, announced to screen readers. Renders nothing without one. */
export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error.problem : null;
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{t('problem.title')}</p>
      <p>{problem ? problemMessage(problem, t) : t('problem.status.500')}</p>
      {problem?.requestId && problem.status >= 500 ? (
        <p className="muted">{t('problem.reference', { requestId: problem.requestId })}</p>
      ) : null}
    </div>
  );
}
