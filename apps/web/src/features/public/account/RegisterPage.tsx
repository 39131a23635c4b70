import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiProblem } from '../../../api/problem';
import { useSignIn } from '../../../auth/session';
import { Field } from '../../../components/Field';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { safeNext } from '../../LoginPage';
import { registerAccount } from '../public-queries';

/**
 * `/register`: creates an account, signs in with it, then goes on to `?next=` (an invitation)
 * or to `/organisation`, where a new user creates or joins their organisation.
 */
export function RegisterPage() {
  const { t, i18n } = useTranslation('public');
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  const [name, setName] = useState('');
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The api answers alike whether or not the address had an account; signing in tells which.
  const [checkInbox, setCheckInbox] = useState(false);
  const fields = error instanceof ApiProblem ? error.fieldErrors() : {};

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await registerAccount({
        name,
        email,
        password,
        locale: i18n.language === 'en' ? 'en' : 'fr',
      });
      try {
        await signIn(email, password);
      } catch (caught) {
        if (caught instanceof ApiProblem && caught.problem.status === 401) {
          setCheckInbox(true);
          return;
        }
        throw caught;
      }
      await navigate(next ? safeNext(next) : '/organisation', { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const loginLink = next ? `/login?next=${encodeURIComponent(safeNext(next))}` : '/login';
  if (checkInbox) {
    return (
      <section className="narrow">
        <PageTitle>{t('register.title')}</PageTitle>
        <p className="alert alert-success" role="status">
          {t('register.checkInbox', { ns: 'account' })}
        </p>
        <p>
          <Link to={loginLink}>{t('register.signIn')}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <PageTitle>{t('register.title')}</PageTitle>
      <p>{t('register.intro')}</p>
      <ProblemAlert error={error} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field label={t('register.name')} error={fields.name}>
          {(control) => (
            <input
              {...control}
              type="text"
              autoComplete="name"
              required
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('register.email')} error={fields.email}>
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
        <Field
          label={t('register.password')}
          hint={t('register.passwordHint')}
          error={fields.password}
        >
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
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('status.loading', { ns: 'common' }) : t('register.submit')}
        </button>
      </form>
      <p>
        {t('register.haveAccount')} <Link to={loginLink}>{t('register.signIn')}</Link>
      </p>
    </section>
  );
}
