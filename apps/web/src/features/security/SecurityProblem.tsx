import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';

/**
 * A problem from the two-factor routes: their own codes in plain words (even when the api also
 * names the field at fault), anything else as the common alert says it.
 */
export function SecurityProblem({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation('security');
  if (error instanceof ApiProblem) {
    const key = `security:problem.code.${error.problem.code}`;
    if (i18n.exists(key)) {
      return (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{t('common:problem.title')}</p>
          <p>{t(key)}</p>
        </div>
      );
    }
  }
  return <ProblemAlert error={error} />;
}

export function problemCode(error: unknown): string | null {
  return error instanceof ApiProblem ? error.problem.code : null;
}
