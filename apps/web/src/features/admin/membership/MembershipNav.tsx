import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';

/** The membership admin pages side by side, under « Adhésions ». */
export function MembershipNav() {
  const { t } = useTranslation('membership');
  const links: [string, string][] = [
    ['/admin/membership', t('admin.nav.applications')],
    ['/admin/membership/members', t('admin.nav.members')],
    ['/admin/membership/fees', t('admin.nav.fees')],
    ['/admin/membership/campaigns', t('admin.nav.campaigns')],
    ['/admin/membership/import', t('admin.nav.import')],
  ];
  return (
    <>
      <p>
        <Link to="/admin">{t('admin.nav.back')}</Link>
      </p>
      <nav aria-label={t('admin.nav.label')} className="membership-subnav">
        <ul className="row plain-list">
          {links.map(([to, label]) => (
            <li key={to}>
              <NavLink to={to} end>
                {label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
