import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { useMe } from '../../../auth/session';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { AccountNav } from '../../privacy/AccountNav';

type Preferences = components['schemas']['NotificationPreferencesDto'];
const KEY = ['me', 'notification-preferences'];

/** `/account/notifications`: which optional e-mails the user receives (linked from every e-mail). */
export function NotificationPreferencesPage() {
  const { t } = useTranslation('public');
  const { me } = useMe();
  const preferences = useQuery({
    queryKey: KEY,
    queryFn: async () => unwrap(await api.GET('/api/me/notification-preferences')),
  });
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

function PreferencesForm({ initial }: { initial: Preferences }) {
  const { t } = useTranslation('public');
  const queryClient = useQueryClient();
  const [sessionReminders, setSessionReminders] = useState(initial.sessionReminders);
  const save = useMutation({
    mutationFn: async (body: Preferences) =>
      unwrap(await api.PUT('/api/me/notification-preferences', { body })),
    onSuccess: (saved) => queryClient.setQueryData(KEY, saved),
  });

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
