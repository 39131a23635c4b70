import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../../api/problem';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import {
  type TrainingSettings,
  useAdminUsers,
  useSaveTrainingSettings,
  useTrainingSettings,
} from './convention-queries';
import { NS } from './i18n';

/** /admin/training — how trainings run, and who signs conventions for the Chambre (admin). */
export function TrainingSettingsPage() {
  const { t } = useTranslation(NS);
  const settings = useTrainingSettings();
  const [saved, setSaved] = useState(false);
  return (
    <section className="stack">
      <PageTitle>{t('settings.title')}</PageTitle>
      <p className="muted">{t('settings.intro')}</p>
      {settings.isPending ? <Loading /> : null}
      <ProblemAlert error={settings.error} />
      {saved ? (
        <p className="alert alert-success" role="status">
          {t('settings.saved')}
        </p>
      ) : null}
      {settings.data ? (
        <SettingsForm key={settings.data.updatedAt} settings={settings.data} onSaved={setSaved} />
      ) : null}
    </section>
  );
}

function SettingsForm({
  settings,
  onSaved,
}: {
  settings: TrainingSettings;
  onSaved: (saved: boolean) => void;
}) {
  const { t } = useTranslation(NS);
  const admins = useAdminUsers();
  const [values, setValues] = useState({
    convocationDaysBefore: String(settings.convocationDaysBefore),
    coldSurveyDaysAfter: String(settings.coldSurveyDaysAfter),
    signingMarginMinutes: String(settings.signingMarginMinutes),
    requireSignedConvention: settings.requireSignedConvention,
    signatoryUserId: settings.signatoryUserId ?? '',
    signatoryName: settings.signatoryName ?? '',
    signatoryCapacity: settings.signatoryCapacity ?? '',
  });
  const save = useSaveTrainingSettings(() => onSaved(true));
  const errors = save.error instanceof ApiProblem ? save.error.fieldErrors() : {};
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => {
    onSaved(false);
    setValues((current) => ({ ...current, [key]: value }));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({
      convocationDaysBefore: Number(values.convocationDaysBefore),
      coldSurveyDaysAfter: Number(values.coldSurveyDaysAfter),
      signingMarginMinutes: Number(values.signingMarginMinutes),
      requireSignedConvention: values.requireSignedConvention,
      signatoryUserId: values.signatoryUserId || null,
      signatoryName: values.signatoryName.trim() || null,
      signatoryCapacity: values.signatoryCapacity.trim() || null,
    });
  }

  const number = (
    key: 'convocationDaysBefore' | 'coldSurveyDaysAfter' | 'signingMarginMinutes',
  ) => (
    <Field label={t(`settings.${key}`)} error={errors[key]}>
      {(control) => (
        <input
          {...control}
          type="number"
          inputMode="numeric"
          value={values[key]}
          onChange={(event) => set(key, event.target.value)}
        />
      )}
    </Field>
  );

  return (
    <form className="stack card" onSubmit={submit} noValidate>
      <ProblemAlert error={save.error ?? admins.error} />
      {number('convocationDaysBefore')}
      {number('coldSurveyDaysAfter')}
      {number('signingMarginMinutes')}
      <div className="stack">
        <label className="row" style={{ gap: '0.5rem' }}>
          <input
            type="checkbox"
            checked={values.requireSignedConvention}
            onChange={(event) => set('requireSignedConvention', event.target.checked)}
          />
          <strong>{t('settings.requireSignedConvention')}</strong>
        </label>
      </div>
      <Field label={t('settings.signatory')} error={errors.signatoryUserId}>
        {(control) => (
          <select
            {...control}
            value={values.signatoryUserId}
            onChange={(event) => set('signatoryUserId', event.target.value)}
          >
            <option value="">{t('settings.signatoryNone')}</option>
            {(admins.data?.items ?? []).map((user) => (
              <option key={user.id} value={user.id}>
                {user.name} ({user.email})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('settings.signatoryName')} error={errors.signatoryName}>
        {(control) => (
          <input
            {...control}
            value={values.signatoryName}
            maxLength={200}
            onChange={(event) => set('signatoryName', event.target.value)}
          />
        )}
      </Field>
      <Field
        label={t('settings.signatoryCapacity')}
        hint={t('settings.signatoryCapacityHint')}
        error={errors.signatoryCapacity}
      >
        {(control) => (
          <input
            {...control}
            value={values.signatoryCapacity}
            maxLength={200}
            onChange={(event) => set('signatoryCapacity', event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={save.isPending}>
        {save.isPending ? t('settings.working') : t('settings.save')}
      </button>
    </form>
  );
}
