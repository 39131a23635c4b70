import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMe, useSignOut } from '../../../auth/session';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../lib/format';
import { useAcceptInvitation, useInvitation } from '../public-queries';

/**
 * `/invitations/:token`, the link of the invitation e-mail. A visitor signs in or creates an
 * account with the invited address and comes back here; a signed-in user accepts.
 */
export function InvitationPage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation('public');
  const navigate = useNavigate();
  const signOut = useSignOut();
  const { me, signedIn, isPending: mePending } = useMe();
  const preview = useInvitation(token);
  const accept = useAcceptInvitation(token, () =>
    navigate('/organisation', { state: { joined: preview.data?.organisationName } }),
  );

  if (preview.isPending || (signedIn && mePending)) return <Loading />;
  if (preview.isError) {
    return (
      <section className="narrow">
        <PageTitle>{t('invitation.title')}</PageTitle>
        <ProblemAlert error={preview.error} />
      </section>
    );
  }
  const invitation = preview.data;
  const here = `/invitations/${token}`;
  const sameEmail = me?.email.toLowerCase() === invitation.email.toLowerCase();
  const alreadyMember = me?.organisations.some((o) => o.id === invitation.organisationId);

  return (
    <section className="narrow">
      <PageTitle>{t('invitation.titleFor', { name: invitation.organisationName })}</PageTitle>
      <p>
        {t('invitation.text', {
          name: invitation.organisationName,
          role: t(`roles.${invitation.role}`),
          email: invitation.email,
        })}
      </p>
      <p className="muted">
        {t('invitation.expires', { date: formatDateTime(invitation.expiresAt, i18n.language) })}
      </p>
      <ProblemAlert error={accept.error} />
      {!me ? (
        <>
          <p>{t('invitation.signInFirst', { email: invitation.email })}</p>
          <div className="row">
            <Link className="button" to={`/login?next=${encodeURIComponent(here)}`}>
              {t('invitation.signIn')}
            </Link>
            <Link
              className="button button-secondary"
              to={`/register?${new URLSearchParams({ next: here, email: invitation.email }).toString()}`}
            >
              {t('invitation.register')}
            </Link>
          </div>
        </>
      ) : alreadyMember ? (
        <p>
          {t('invitation.alreadyMember')}{' '}
          <Link to={`/organisation/${invitation.organisationId}`}>
            {t('invitation.openOrganisation')}
          </Link>
        </p>
      ) : !sameEmail ? (
        <div className="alert">
          <p>{t('invitation.otherAccount', { current: me.email, email: invitation.email })}</p>
          <button type="button" className="button button-secondary" onClick={() => void signOut()}>
            {t('invitation.switchAccount')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button"
          disabled={accept.isPending}
          onClick={() => accept.mutate()}
        >
          {accept.isPending ? t('status.loading', { ns: 'common' }) : t('invitation.accept')}
        </button>
      )}
    </section>
  );
}
