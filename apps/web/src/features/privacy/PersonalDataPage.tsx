import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { useMe } from '../../auth/session';
import { Field } from '../../components/Field';
import { useEraseMyAccount, useExportMyData } from './privacy-queries';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { AccountNav } from './AccountNav';
import { orphanedOrganisations } from './orphans';

/** `/account/data` (« Mes données »): download what is held about me, or erase my account. */
export function PersonalDataPage() {
  const { t } = useTranslation('privacy');
  const { me } = useMe();
  return (
    <section className="narrow">
      <PageTitle>{t('page.title')}</PageTitle>
      <AccountNav />
      {me ? <p>{t('page.account', { name: me.name, email: me.email })}</p> : null}
      <p>{t('page.intro')}</p>
      <ExportSection />
      <EraseSection />
    </section>
  );
}

function ExportSection() {
  const { t } = useTranslation('privacy');
  const exportData = useExportMyData();
  return (
    <section className="card" aria-labelledby="export-title">
      <h2 id="export-title">{t('export.title')}</h2>
      <p>{t('export.text')}</p>
      <ProblemAlert ns="privacy" error={exportData.error} />
      <button
        type="button"
        className="button"
        disabled={exportData.isPending}
        onClick={() => exportData.mutate()}
      >
        {exportData.isPending ? t('export.busy') : t('export.button')}
      </button>
      <p role="status" className={exportData.isSuccess ? 'alert alert-success' : undefined}>
        {exportData.isSuccess ? t('export.done') : ''}
      </p>
    </section>
  );
}

function EraseSection() {
  const { t } = useTranslation('privacy');
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [confirmOrphans, setConfirmOrphans] = useState(false);
  const [checked, setChecked] = useState(false);
  // The next page signs out: signed out while this one is still shown, RequireAuth would
  // send the reader to the login page instead.
  const erase = useEraseMyAccount(() =>
    navigate('/account/erased', { replace: true, state: { erased: true } }),
  );
  const orphans = orphanedOrganisations(erase.error);
  const fields = erase.error instanceof ApiProblem ? erase.error.fieldErrors() : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (!password || !understood) return;
    erase.mutate({ password, confirmOrphanedOrganisations: confirmOrphans || undefined });
  }

  return (
    <section className="card danger-zone" aria-labelledby="erase-title">
      <h2 id="erase-title">{t('erase.title')}</h2>
      <div className="alert alert-error">
        <p className="alert-title">{t('erase.warning')}</p>
        <p>{t('erase.what')}</p>
        <p>{t('erase.kept')}</p>
        <p>{t('erase.handOver')}</p>
      </div>
      <form onSubmit={submit} noValidate>
        {orphans.length > 0 ? (
          <div className="alert alert-error" role="alert">
            <p className="alert-title">{t('erase.orphansTitle')}</p>
            <p>{t('erase.orphansText')}</p>
            <ul>
              {orphans.map((organisation) => (
                <li key={organisation.id}>{organisation.legalName}</li>
              ))}
            </ul>
            <p>{t('erase.orphansAdvice')}</p>
            <label className="checkbox-label">
              <input
                type="checkbox"
                checked={confirmOrphans}
                onChange={(event) => setConfirmOrphans(event.target.checked)}
              />
              {t('erase.orphansConfirm')}
            </label>
          </div>
        ) : (
          <ProblemAlert ns="privacy" error={erase.error} />
        )}
        <Field
          label={t('erase.password')}
          hint={t('erase.passwordHint')}
          error={fields.password}
          errorText={checked && !password ? t('erase.passwordRequired') : undefined}
        >
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <label className="checkbox-label">
          <input
            type="checkbox"
            checked={understood}
            aria-invalid={checked && !understood}
            onChange={(event) => setUnderstood(event.target.checked)}
          />
          {t('erase.understand')}
        </label>
        {checked && !understood ? (
          <p className="field-error">{t('erase.understandRequired')}</p>
        ) : null}
        <button type="submit" className="button button-danger" disabled={erase.isPending}>
          {erase.isPending ? t('erase.busy') : t('erase.button')}
        </button>
      </form>
    </section>
  );
}
