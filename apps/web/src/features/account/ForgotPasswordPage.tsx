import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { Field } from '../../components/Field';
import { PageTitle } from '../../components/PageTitle';
import { useRequestPasswordReset } from './account-queries';
import { AccountAlert } from './AccountAlert';

/** `/forgot-password`: asks for a reset link; the answer never says whether the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation('account');
  const [email, setEmail] = useState('');
  const request = useRequestPasswordReset();
  const fields = request.error instanceof ApiProblem ? request.error.fieldErrors() : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    request.mutate(email);
  }

  return (
    <section className="narrow">
      <PageTitle>{t('forgot.title')}</PageTitle>
      {request.isSuccess ? (
        <p className="alert alert-success" role="status">
          {t('forgot.sent', { email: request.data })}
        </p>
      ) : (
        <>
          <p>{t('forgot.intro')}</p>
          <AccountAlert error={request.error} />
          <form onSubmit={submit} noValidate>
            <Field label={t('forgot.email')} error={fields.email}>
              {(control) => (
                <input
                  {...control}
                  type="email"
                  autoComplete="email"
                  required
                  value={email}
                  onChange={(event) => setEmail(event.target.value)}
                />
              )}
            </Field>
            <button type="submit" className="button" disabled={request.isPending}>
              {request.isPending ? t('status.loading', { ns: 'common' }) : t('forgot.submit')}
            </button>
          </form>
        </>
      )}
      <p>
        <Link to="/login">{t('forgot.back')}</Link>
      </p>
    </section>
  );
}
