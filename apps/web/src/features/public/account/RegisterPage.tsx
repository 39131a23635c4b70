import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { ApiProblem } from '../../../api/problem';
import { useSignIn } from '../../../auth/session';
import { Field } from '../../../components/Field';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { safeNext } from '../../LoginPage';

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
  const fields = error instanceof ApiProblem ? error.fieldErrors() : {};

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      unwrap(
        await api.POST('/api/auth/register', {
          body: { name, email, password, locale: i18n.language === 'en' ? 'en' : 'fr' },
        }),
      );
      await signIn(email, password);
      await navigate(next ? safeNext(next) : '/organisation', { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const loginLink = next ? `/login?next=${encodeURIComponent(safeNext(next))}` : '/login';
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
