import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { useMe } from '../../auth/session';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { formatShortDateTime } from '../../lib/format';
import { PageTitle } from '../../components/PageTitle';
import {
  useChangeEmail,
  useChangePassword,
  useLoginSessions,
  useRevokeOtherSessions,
  useRevokeSession,
} from './account-queries';
import { AccountAlert, problemCode } from './AccountAlert';
import type { LoginSession } from './types';
import './account.css';
import { StatusBadge } from '../../components/StatusBadge';

/** `/account/security`: change password, change e-mail address, see and close sessions. */
export function SecurityPage() {
  const { t } = useTranslation('account');
  const { me } = useMe();
  return (
    <section className="account-security">
      <PageTitle>{t('security.title')}</PageTitle>
      {me ? (
        <p>
          {t('security.account', { name: me.name, email: me.email })}{' '}
          <StatusBadge tone={me.emailVerified ? 'ok' : 'warn'}>
            {me.emailVerified ? t('security.verified') : t('security.unverified')}
          </StatusBadge>
        </p>
      ) : null}
      <div className="grid">
        <ChangePassword />
        <ChangeEmail />
      </div>
      <Sessions />
      <section className="card" aria-labelledby="two-factor-title">
        <h2 id="two-factor-title">{t('security.twoFactor.title')}</h2>
        <p>{t('security.twoFactor.intro')}</p>
        <Link to="/account/security/two-factor">{t('security.twoFactor.link')}</Link>
      </section>
    </section>
  );
}

function ChangePassword() {
  const { t } = useTranslation('account');
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const change = useChangePassword(() => {
    setCurrent('');
    setNew('');
  });
  const fields = change.error instanceof ApiProblem ? change.error.fieldErrors() : {};
  const wrongCurrent = problemCode(change.error) === 'invalid_current_password';

  function submit(event: FormEvent) {
    event.preventDefault();
    change.mutate({ currentPassword, newPassword });
  }

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="password-title">
      <h2 id="password-title">{t('security.password.title')}</h2>
      {wrongCurrent ? null : <AccountAlert error={change.error} />}
      <Field
        label={t('security.password.current')}
        errorText={wrongCurrent ? t('problem.code.invalid_current_password') : undefined}
      >
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="current-password"
            required
            value={currentPassword}
            onChange={(event) => setCurrent(event.target.value)}
          />
        )}
      </Field>
      <Field
        label={t('security.password.new')}
        hint={t('security.password.hint')}
        error={fields.newPassword ?? fields.password}
      >
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            value={newPassword}
            onChange={(event) => {
              setNew(event.target.value);
              change.reset();
            }}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={change.isPending}>
        {change.isPending ? t('status.saving', { ns: 'common' }) : t('security.password.submit')}
      </button>
      <p role="status" className={change.isSuccess ? 'alert alert-success' : undefined}>
        {change.isSuccess ? t('security.password.done') : ''}
      </p>
    </form>
  );
}

function ChangeEmail() {
  const { t } = useTranslation('account');
  const [newEmail, setNewEmail] = useState('');
  const [currentPassword, setCurrent] = useState('');
  const change = useChangeEmail(() => setCurrent(''));
  const fields = change.error instanceof ApiProblem ? change.error.fieldErrors() : {};
  const wrongCurrent = problemCode(change.error) === 'invalid_current_password';

  function submit(event: FormEvent) {
    event.preventDefault();
    change.mutate({ newEmail, currentPassword });
  }

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="email-title">
      <h2 id="email-title">{t('security.email.title')}</h2>
      <p className="muted">{t('security.email.intro')}</p>
      {wrongCurrent ? null : <AccountAlert error={change.error} />}
      <Field label={t('security.email.new')} error={wrongCurrent ? undefined : fields.newEmail}>
        {(control) => (
          <input
            {...control}
            type="email"
            autoComplete="email"
            required
            value={newEmail}
            onChange={(event) => setNewEmail(event.target.value)}
          />
        )}
      </Field>
      <Field
        label={t('security.email.current')}
        errorText={wrongCurrent ? t('problem.code.invalid_current_password') : undefined}
      >
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="current-password"
            required
            value={currentPassword}
            onChange={(event) => setCurrent(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={change.isPending}>
        {change.isPending ? t('status.saving', { ns: 'common' }) : t('security.email.submit')}
      </button>
      <p role="status" className={change.isSuccess ? 'alert alert-success' : undefined}>
        {change.isSuccess ? t('security.email.done', { email: change.data }) : ''}
      </p>
    </form>
  );
}

function Sessions() {
  const { t, i18n } = useTranslation('account');
  const sessions = useLoginSessions();
  const revoke = useRevokeSession();
  const revokeOthers = useRevokeOtherSessions();
  const when = (iso: string) => formatShortDateTime(iso, i18n.language);
  const others = (sessions.data ?? []).filter((session) => !session.current);

  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('security.sessions.title')}</h2>
      <p className="muted">{t('security.sessions.intro')}</p>
      {sessions.isPending ? <Loading /> : null}
      <AccountAlert error={sessions.error ?? revoke.error ?? revokeOthers.error} />
      {sessions.data ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('security.sessions.device')}</th>
                <th scope="col">{t('security.sessions.address')}</th>
                <th scope="col">{t('security.sessions.created')}</th>
                <th scope="col">{t('security.sessions.lastUsed')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('security.sessions.revoke')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.map((session: LoginSession) => (
                <tr key={session.id}>
                  <td>{describeAgent(session.userAgent) ?? t('security.sessions.unknown')}</td>
                  <td>{session.clientAddress ?? t('security.sessions.unknown')}</td>
                  <td>{when(session.createdAt)}</td>
                  <td>{when(session.lastUsedAt)}</td>
                  <td>
                    {session.current ? (
                      <StatusBadge tone="ok">{t('security.sessions.current')}</StatusBadge>
                    ) : (
                      <button
                        type="button"
                        className="button button-small button-danger"
                        aria-label={t('security.sessions.revokeLabel', {
                          date: when(session.createdAt),
                        })}
                        disabled={revoke.isPending}
                        onClick={() => revoke.mutate(session.id)}
                      >
                        {t('security.sessions.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {sessions.data && others.length === 0 ? (
        <p className="muted">{t('security.sessions.none')}</p>
      ) : null}
      {others.length > 0 ? (
        <button
          type="button"
          className="button button-secondary"
          disabled={revokeOthers.isPending}
          onClick={() => revokeOthers.mutate()}
        >
          {t('security.sessions.revokeOthers')}
        </button>
      ) : null}
      <p role="status">
        {revokeOthers.isSuccess
          ? t('security.sessions.revokedOthers', { count: revokeOthers.data.revoked })
          : ''}
      </p>
    </section>
  );
}

/** "Firefox on Linux" from a User-Agent header, or the header itself when it is not recognised. */
export function describeAgent(agent: string | null): string | null {
  if (!agent) return null;
  const browser = /Edg\//.test(agent)
    ? 'Edge'
    : /Firefox\//.test(agent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(agent)
        ? 'Chrome'
        : /Safari\//.test(agent)
          ? 'Safari'
          : null;
  const system = /Android/.test(agent)
    ? 'Android'
    : /iPhone|iPad/.test(agent)
      ? 'iOS'
      : /Windows/.test(agent)
        ? 'Windows'
        : /Mac OS X/.test(agent)
          ? 'macOS'
          : /Linux/.test(agent)
            ? 'Linux'
            : null;
  if (browser && system) return `${browser} · ${system}`;
  return browser ?? (agent.length > 60 ? `${agent.slice(0, 57)}…` : agent);
}
