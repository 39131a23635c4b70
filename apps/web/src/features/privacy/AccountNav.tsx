import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** The account area's pages, side by side. */
export function AccountNav() {
  const { t } = useTranslation('privacy');
  return (
    <nav aria-label={t('nav.label')} className="account-nav">
      <ul className="row">
        <li>
          <NavLink to="/account/notifications">{t('nav.notifications')}</NavLink>
        </li>
        <li>
          <NavLink to="/account/data">{t('nav.data')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
