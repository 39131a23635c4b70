import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Link } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { GroupError } from './GroupError';
import { PACA_DEPARTMENTS } from './offering-form';
import { expertiseToText, parseExpertise } from './profile-form';
import { useProfile, useSaveProfile } from './consultant-queries';
import type { Profile } from './types';
import './consultant.css';

/** The consultant's public profile: members read it on each of their offerings. */
export function ProfilePage() {
  const { t } = useTranslation('consultant');
  const profile = useProfile();

  return (
    <section>
      <p>
        <Link to="/consultant/offerings">{t('back')}</Link>
      </p>
      <PageTitle>{t('profile.title')}</PageTitle>
      <p>{t('profile.intro')}</p>
      {profile.isPending ? <Loading /> : null}
      <ProblemAlert ns="consultant" error={profile.error} />
      {profile.data ? <ProfileForm key={profile.data.updatedAt} profile={profile.data} /> : null}
    </section>
  );
}

function ProfileForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation('consultant');
  const ids = useId();
  const [bio, setBio] = useState(profile.bio);
  const [expertise, setExpertise] = useState(expertiseToText(profile.expertise));
  const [departments, setDepartments] = useState(profile.departments);
  const [done, setDone] = useState(false);
  const save = useSaveProfile({
    onStart: () => setDone(false),
    onRefreshed: () => setDone(true),
  });
  const errors = save.error instanceof ApiProblem ? save.error.fieldErrors() : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ bio, expertise: parseExpertise(expertise), departments });
  }

  const departmentsErrorId = `${ids}-departments-error`;
  return (
    <form className="consultant-form" onSubmit={submit} noValidate>
      <ProblemAlert ns="consultant" error={save.error} />
      <Field label={t('profile.bio')} hint={t('profile.bioHint')} error={errors.bio}>
        {(control) => (
          <textarea
            {...control}
            rows={8}
            maxLength={5000}
            value={bio}
            onChange={(event) => setBio(event.target.value)}
          />
        )}
      </Field>
      <Field
        label={t('profile.expertise')}
        hint={t('profile.expertiseHint')}
        error={errors.expertise}
      >
        {(control) => (
          <textarea
            {...control}
            rows={4}
            value={expertise}
            onChange={(event) => setExpertise(event.target.value)}
          />
        )}
      </Field>
      <fieldset aria-describedby={errors.departments ? departmentsErrorId : undefined}>
        <legend>{t('profile.departments')}</legend>
        <div className="consultant-checks">
          {PACA_DEPARTMENTS.map((code) => (
            <label key={code} className="consultant-check">
              <input
                type="checkbox"
                checked={departments.includes(code)}
                onChange={(event) =>
                  setDepartments((current) =>
                    event.target.checked
                      ? [...current, code]
                      : current.filter((department) => department !== code),
                  )
                }
              />{' '}
              {t('department', { code, name: t(`departments.${code}`) })}
            </label>
          ))}
        </div>
        <GroupError id={departmentsErrorId} error={errors.departments} />
      </fieldset>
      <div role="status" aria-live="polite">
        {done ? <p className="alert alert-success">{t('profile.saved')}</p> : null}
      </div>
      <button type="submit" className="button" disabled={save.isPending}>
        {save.isPending ? t('common:status.saving') : t('profile.save')}
      </button>
    </form>
  );
}
