import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { Loading } from '../components/Loading';
import { TWO_FACTOR_PAGE, useTwoFactorGate } from '../features/security/security-api';
import { hasRole, useMe, type Role } from './session';

/**
 * Shows its children to a signed-in user (with one of `roles`, when given); a visitor is sent to
 * the sign-in page and brought back afterwards.
 */
export function RequireAuth({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { me, signedIn, isPending } = useMe();
  const twoFactor = useTwoFactorGate();
  const privileged = roles?.some((role) => role === 'admin' || role === 'finance') ?? false;
  if (!signedIn) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (isPending || !me) return <Loading />;
  if (roles && !roles.some((role) => hasRole(me, role))) {
    return (
      <p className="alert" role="alert">
        {t('forbidden')}
      </p>
    );
  }
  if (privileged && twoFactor.isPending) return <Loading />;
  if (privileged && twoFactor.mustEnrol) {
    // Admin and finance routes answer 403 until the user enrols: send them to enrol, then back.
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`${TWO_FACTOR_PAGE}?next=${next}`} replace />;
  }
  return children;
}
