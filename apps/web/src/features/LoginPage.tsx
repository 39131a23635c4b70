import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiProblem } from '../api/problem';
import { useSignIn, type MfaChallenge } from '../auth/session';
import { Field } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { TwoFactorStep } from './security/TwoFactorStep';

/** Only same-site paths are followed after sign-in, never another origin. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);
  const fields = error instanceof ApiProblem ? error.fieldErrors() : {};

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const pending = await signIn(email, password);
      if (pending) {
        setChallenge(pending);
        setPassword('');
        return;
      }
      await navigate(safeNext(params.get('next')), { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  if (challenge) {
    return (
      <TwoFactorStep
        challenge={challenge}
        next={safeNext(params.get('next'))}
        onRestart={() => setChallenge(null)}
      />
    );
  }

  return (
    <section className="narrow">
      <PageTitle>{t('login.title')}</PageTitle>
      <ProblemAlert error={error} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field label={t('login.email')} error={fields.email}>
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
        <Field label={t('login.password')} error={fields.password}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('status.loading') : t('login.submit')}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">{t('forgot.link', { ns: 'account' })}</Link>
      </p>
      <p>
        {t('login.noAccount')} <Link to="/register">{t('login.signUp')}</Link>
      </p>
    </section>
  );
}
