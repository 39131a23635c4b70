import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../auth/session';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { AccountNav } from '../../privacy/AccountNav';
import { useNotificationPreferences, useSaveNotificationPreferences } from '../public-queries';
import type { NotificationPreferences } from '../types';

/** `/account/notifications`: which optional e-mails the user receives (linked from every e-mail). */
export function NotificationPreferencesPage() {
  const { t } = useTranslation('public');
  const { me } = useMe();
  const preferences = useNotificationPreferences();
  return (
    <section className="narrow">
      <PageTitle>{t('notifications.title')}</PageTitle>
      <AccountNav />
      {me ? <p>{t('notifications.account', { name: me.name, email: me.email })}</p> : null}
      {preferences.isPending ? <Loading /> : null}
      <ProblemAlert error={preferences.error} />
      {preferences.data ? <PreferencesForm initial={preferences.data} /> : null}
    </section>
  );
}

function PreferencesForm({ initial }: { initial: NotificationPreferences }) {
  const { t } = useTranslation('public');
  const [sessionReminders, setSessionReminders] = useState(initial.sessionReminders);
  const save = useSaveNotificationPreferences();

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ sessionReminders });
  }

  return (
    <form onSubmit={submit}>
      <ProblemAlert error={save.error} />
      <fieldset>
        <legend>{t('notifications.optional')}</legend>
        <label className="checkbox-label">
          <input
            type="checkbox"
            checked={sessionReminders}
            onChange={(event) => {
              setSessionReminders(event.target.checked);
              save.reset();
            }}
          />
          {t('notifications.sessionReminders')}
        </label>
      </fieldset>
      <p className="muted">{t('notifications.alwaysSent')}</p>
      <button type="submit" className="button" disabled={save.isPending}>
        {save.isPending
          ? t('status.saving', { ns: 'common' })
          : t('actions.save', { ns: 'common' })}
      </button>
      <p role="status" className={save.isSuccess ? 'alert alert-success' : undefined}>
        {save.isSuccess ? t('notifications.saved') : ''}
      </p>
    </form>
  );
}
