import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { Field } from '../../components/Field';
import { useResetPassword } from './account-queries';
import { PageTitle } from '../../components/PageTitle';
import { AccountAlert, problemCode } from './AccountAlert';
import { useLinkToken } from './link-token';

/** `/reset-password?token=…`: the page of the e-mailed reset link. */
export function ResetPasswordPage() {
  const { t } = useTranslation('account');
  const token = useLinkToken();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const reset = useResetPassword();
  const fields = reset.error instanceof ApiProblem ? reset.error.fieldErrors() : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    setMismatch(password !== confirm);
    if (password === confirm) reset.mutate({ token: token ?? '', password });
  }

  if (!token) {
    return (
      <section className="narrow">
        <PageTitle>{t('reset.title')}</PageTitle>
        <p className="alert alert-error" role="alert">
          {t('reset.noToken')}
        </p>
        <p>
          <Link to="/forgot-password">{t('reset.askAgain')}</Link>
        </p>
      </section>
    );
  }
  if (reset.isSuccess) {
    return (
      <section className="narrow">
        <PageTitle>{t('reset.title')}</PageTitle>
        <p className="alert alert-success" role="status">
          {t('reset.done')}
        </p>
        <p>
          <Link to="/login" className="button">
            {t('reset.signIn')}
          </Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <PageTitle>{t('reset.title')}</PageTitle>
      <p>{t('reset.intro')}</p>
      <AccountAlert error={reset.error} />
      {problemCode(reset.error) === 'invalid_account_link' ? (
        <p>
          <Link to="/forgot-password">{t('reset.askAgain')}</Link>
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Field label={t('reset.password')} hint={t('reset.passwordHint')} error={fields.password}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('reset.confirm')} errorText={mismatch ? t('reset.mismatch') : undefined}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              required
              value={confirm}
              onChange={(event) => setConfirm(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={reset.isPending}>
          {reset.isPending ? t('status.saving', { ns: 'common' }) : t('reset.submit')}
        </button>
      </form>
    </section>
  );
}
