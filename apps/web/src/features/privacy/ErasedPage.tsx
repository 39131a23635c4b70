import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { sessionStore } from '../../auth/session-store';
import { PageTitle } from '../../components/PageTitle';

/** `/account/erased`: where a person lands once their account is deleted, signed out here. */
export function ErasedPage() {
  const { t } = useTranslation('privacy');
  const queryClient = useQueryClient();
  const erased = (useLocation().state as { erased?: boolean } | null)?.erased === true;
  useEffect(() => {
    // The account no longer exists: forget its tokens and everything read with them.
    if (!erased) return;
    sessionStore.signOut();
    queryClient.clear();
  }, [erased, queryClient]);
  return (
    <section className="narrow">
      <PageTitle>{t('erased.title')}</PageTitle>
      <p role="status" className="alert alert-success">
        {t('erased.text')}
      </p>
      <p>
        <Link to="/">{t('erased.home')}</Link>
      </p>
    </section>
  );
}
