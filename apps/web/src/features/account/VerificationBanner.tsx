import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session';
import { useResendVerification } from './account-queries';
import { AccountAlert } from './AccountAlert';

/**
 * Shown on every page to a signed-in user whose address is not confirmed: says why booking and
 * organisations are closed to them, with a button that sends the link again.
 */
export function VerificationBanner() {
  const { t } = useTranslation('account');
  const { me } = useMe();
  const resend = useResendVerification();
  if (!me || me.emailVerified) return null;
  return (
    <div className="alert verification-banner" role="region" aria-label={t('security.unverified')}>
      <p className="alert-title">{t('security.unverified')}</p>
      <p>{t('banner.text', { email: me.email })}</p>
      <AccountAlert error={resend.error} />
      <p role="status">
        {resend.isSuccess ? (
          t('banner.sent')
        ) : (
          <button
            type="button"
            className="button button-small button-secondary"
            disabled={resend.isPending}
            onClick={() => resend.mutate()}
          >
            {resend.isPending ? t('banner.sending') : t('banner.resend')}
          </button>
        )}
      </p>
    </div>
  );
}
