import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MfaChallenge } from '../../auth/session';
import { sessionStore } from '../../auth/session-store';
import { Field } from '../../components/Field';
import { PageTitle } from '../../components/PageTitle';
import { completeMfaSignIn } from './security-api';
import { problemCode, SecurityProblem } from './SecurityProblem';

/** Codes that end this sign-in attempt: the password has to be typed again. */
const SPENT = ['invalid_mfa_token', 'too_many_mfa_attempts'];

/**
 * The second step of signing in, after a right password: the 6-digit code of the authenticator
 * app, or one of the recovery codes for someone who lost their phone.
 */
export function TwoFactorStep({
  challenge,
  next,
  onRestart,
}: {
  challenge: MfaChallenge;
  next: string;
  onRestart: () => void;
}) {
  const { t } = useTranslation('security');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const spent = SPENT.includes(problemCode(error) ?? '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const tokens = await completeMfaSignIn(
        recovery
          ? { mfaToken: challenge.mfaToken, recoveryCode: value.trim() }
          : { mfaToken: challenge.mfaToken, code: value.replace(/\s/g, '') },
      );
      sessionStore.signIn(tokens);
      await queryClient.invalidateQueries();
      await navigate(next, { replace: true });
    } catch (caught) {
      setError(caught);
      setValue('');
    } finally {
      setBusy(false);
    }
  }

  function switchMode() {
    setRecovery((current) => !current);
    setValue('');
    setError(null);
  }

  return (
    <section className="narrow">
      <PageTitle>{t('signIn.title')}</PageTitle>
      <p>{recovery ? t('signIn.recoveryIntro') : t('signIn.codeIntro')}</p>
      <SecurityProblem error={error} />
      {spent ? (
        <button type="button" className="button" onClick={onRestart}>
          {t('signIn.restart')}
        </button>
      ) : (
        <>
          <form onSubmit={(event) => void submit(event)} noValidate>
            {recovery ? (
              <Field label={t('signIn.recoveryCode')} hint={t('signIn.recoveryHint')}>
                {(control) => (
                  <input
                    {...control}
                    type="text"
                    autoComplete="off"
                    autoCapitalize="none"
                    spellCheck={false}
                    required
                    value={value}
                    onChange={(event) => setValue(event.target.value)}
                  />
                )}
              </Field>
            ) : (
              <Field label={t('signIn.code')} hint={t('signIn.codeHint')}>
                {(control) => (
                  <input
                    {...control}
                    className="otp-input"
                    type="text"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    pattern="[0-9 ]*"
                    maxLength={7}
                    required
                    value={value}
                    onChange={(event) => setValue(event.target.value)}
                  />
                )}
              </Field>
            )}
            <button type="submit" className="button" disabled={busy || value.trim() === ''}>
              {busy ? t('common:status.loading') : t('signIn.submit')}
            </button>
          </form>
          <p>
            <button type="button" className="link-button" onClick={switchMode}>
              {recovery ? t('signIn.useApp') : t('signIn.useRecovery')}
            </button>
          </p>
        </>
      )}
    </section>
  );
}
