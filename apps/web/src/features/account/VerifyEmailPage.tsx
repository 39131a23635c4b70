import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignedIn } from '../../auth/session';
import { PageTitle } from '../../components/PageTitle';
import { useVerifyEmail } from './account-queries';
import { AccountAlert } from './AccountAlert';
import { useLinkToken } from './link-token';

/** `/verify-email?token=…`: the page of the e-mailed verification link; it confirms on arrival. */
export function VerifyEmailPage() {
  const { t } = useTranslation('account');
  const token = useLinkToken();
  const signedIn = useSignedIn();
  const verify = useVerifyEmail();
  // The link works once: React's development double effects must not spend it twice.
  const sent = useRef(false);
  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    verify.mutate(token);
  }, [token, verify]);

  return (
    <section className="narrow">
      <PageTitle>{t('verify.title')}</PageTitle>
      {!token ? (
        <p className="alert alert-error" role="alert">
          {t('verify.noToken')}
        </p>
      ) : verify.isSuccess ? (
        <>
          <p className="alert alert-success" role="status">
            {t('verify.done')}
          </p>
          <p>
            <Link to={signedIn ? '/organisation' : '/login'} className="button">
              {t('verify.continue')}
            </Link>
          </p>
        </>
      ) : verify.isError ? (
        <>
          <AccountAlert error={verify.error} />
          <p>{t('verify.askAgain')}</p>
        </>
      ) : (
        <p className="loading" role="status" aria-live="polite">
          {t('verify.working')}
        </p>
      )}
    </section>
  );
}
