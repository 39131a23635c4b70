import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { orphanedOrganisations } from './orphans';
import { StatusBadge } from '../../components/StatusBadge';
import { useEraseUser } from './privacy-queries';
import type { ErasableUser } from './types';

/**
 * The admin users page's « Effacer sur demande »: erases a person's data when they ask the
 * Chambre, after a confirmation that says what it does; names the organisations it would leave
 * without an admin, and goes on only if the admin ticks that too.
 */
export function EraseUserControl({
  user,
  onErased,
}: {
  user: ErasableUser;
  onErased: (name: string) => void;
}) {
  const { t } = useTranslation('privacy');
  const [open, setOpen] = useState(false);
  const [confirmOrphans, setConfirmOrphans] = useState(false);
  const erase = useEraseUser(user.id, () => {
    setOpen(false);
    onErased(user.name);
  });
  const orphans = orphanedOrganisations(erase.error);

  if (user.erased) return <StatusBadge>{t('admin.erased')}</StatusBadge>;
  if (!open) {
    return (
      <button
        type="button"
        className="button button-small button-secondary"
        aria-label={t('admin.eraseOf', { name: user.name })}
        onClick={() => setOpen(true)}
      >
        {t('admin.erase')}
      </button>
    );
  }
  return (
    <div role="group" aria-labelledby={`erase-${user.id}`} className="stack">
      <p id={`erase-${user.id}`} className="alert-title">
        {t('admin.confirmTitle', { name: user.name })}
      </p>
      <p className="muted">{t('admin.confirmText')}</p>
      {orphans.length > 0 ? (
        <div className="alert alert-error" role="alert">
          <p>{t('admin.orphansText')}</p>
          <ul>
            {orphans.map((organisation) => (
              <li key={organisation.id}>{organisation.legalName}</li>
            ))}
          </ul>
          <label className="checkbox-label">
            <input
              type="checkbox"
              checked={confirmOrphans}
              onChange={(event) => setConfirmOrphans(event.target.checked)}
            />
            {t('admin.orphansConfirm')}
          </label>
        </div>
      ) : (
        <ProblemAlert ns="privacy" error={erase.error} />
      )}
      <div className="row">
        <button
          type="button"
          className="button button-small button-danger"
          disabled={erase.isPending}
          onClick={() =>
            erase.mutate({ confirmOrphanedOrganisations: confirmOrphans || undefined })
          }
        >
          {t('admin.confirm')}
        </button>
        <button
          type="button"
          className="button button-small button-secondary"
          onClick={() => {
            setOpen(false);
            erase.reset();
          }}
        >
          {t('admin.cancel')}
        </button>
      </div>
    </div>
  );
}
