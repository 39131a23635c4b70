import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../../api/problem';
import { Field } from '../../../components/Field';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../lib/format';
import { useInvite } from '../public-queries';
import type { Invite } from '../types';

/** Invites someone by e-mail (org_admin); the api e-mails them a link to /invitations/:token. */
export function InviteForm({ organisationId }: { organisationId: string }) {
  const { t, i18n } = useTranslation('public');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Invite['role']>('org_member');
  const invite = useInvite(organisationId, () => {
    setEmail('');
    setRole('org_member');
  });
  const errors = invite.error instanceof ApiProblem ? invite.error.fieldErrors() : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    invite.mutate({ email: email.trim(), role });
  }

  return (
    <form onSubmit={submit} noValidate className="card narrow" aria-labelledby="invite-title">
      <h3 id="invite-title">{t('organisation.invite.title')}</h3>
      <p className="muted">{t('organisation.invite.intro')}</p>
      <ProblemAlert error={invite.error} />
      <Field label={t('organisation.invite.email')} error={errors.email}>
        {(control) => (
          <input
            {...control}
            type="email"
            autoComplete="off"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('organisation.list.role')} error={errors.role}>
        {(control) => (
          <select
            {...control}
            value={role}
            onChange={(event) => setRole(event.target.value as Invite['role'])}
          >
            <option value="org_member">{t('roles.org_member')}</option>
            <option value="org_admin">{t('roles.org_admin')}</option>
          </select>
        )}
      </Field>
      <button type="submit" className="button" disabled={invite.isPending}>
        {invite.isPending ? t('status.loading', { ns: 'common' }) : t('organisation.invite.submit')}
      </button>
      <div role="status">
        {invite.data ? (
          <p className="alert alert-success">
            {t('organisation.invite.sent', {
              email: invite.data.email,
              date: formatDateTime(invite.data.expiresAt, i18n.language),
            })}
          </p>
        ) : null}
      </div>
    </form>
  );
}
