import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';

/**
 * An api problem, worded by this area when it knows the code (even when the api also points at
 * a field: "the current password is incorrect" says more than "check the fields").
 */
export function AccountAlert({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation('account');
  const code = error instanceof ApiProblem ? error.problem.code : null;
  const key = code ? `account:problem.code.${code}` : null;
  if (key && i18n.exists(key)) {
    return (
      <div className="alert alert-error" role="alert">
        <p className="alert-title">{t('problem.title', { ns: 'common' })}</p>
        <p>{t(key)}</p>
      </div>
    );
  }
  return <ProblemAlert error={error} />;
}

/** The problem's code, when the error is one from the api. */
export function problemCode(error: unknown): string | null {
  return error instanceof ApiProblem ? error.problem.code : null;
}
