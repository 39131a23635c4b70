import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { hasRole, useMe, useSignOut } from '../auth/session';
import { VerificationBanner } from '../features/account/VerificationBanner';
import { LANGUAGES } from '../i18n';

/** Header with the navigation the user's roles open, the language choice, and the page. */
export function Layout() {
  const { t, i18n } = useTranslation();
  const { me } = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);
  const links: [string, string][] = [['/', t('nav.catalogue')]];
  if (me && me.organisations.length > 0) {
    links.push(
      ['/bookings', t('nav.bookings')],
      ['/invoices', t('nav.invoices')],
      ['/membership', t('nav.membership')],
    );
  }
  if (me) links.push(['/organisation', t('nav.organisation')]);
  if (hasRole(me, 'consultant')) links.push(['/consultant/offerings', t('nav.consultant')]);
  if (hasRole(me, 'finance')) links.push(['/finance', t('nav.finance')]);
  if (hasRole(me, 'admin')) links.push(['/admin', t('nav.admin')]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <div className="header-bar">
          <NavLink to="/" className="brand">
            {t('appName')}
          </NavLink>
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {t('nav.menu')}
          </button>
        </div>
        <nav id="main-nav" aria-label={t('nav.label')} className={menuOpen ? 'nav open' : 'nav'}>
          <ul>
            {links.map(([to, label]) => (
              <li key={to}>
                <NavLink to={to} end={to === '/'} onClick={() => setMenuOpen(false)}>
                  {label}
                </NavLink>
              </li>
            ))}
          </ul>
          <div className="nav-end">
            <label className="language">
              <span className="visually-hidden">{t('nav.language')}</span>
              <select
                value={i18n.language}
                onChange={(event) => void i18n.changeLanguage(event.target.value)}
              >
                {LANGUAGES.map((language) => (
                  <option key={language} value={language}>
                    {language === 'fr' ? 'Français' : 'English'}
                  </option>
                ))}
              </select>
            </label>
            {me ? (
              <>
                <NavLink to="/account/notifications" className="user-name">
                  {me.name}
                </NavLink>
                <NavLink to="/account/security">{t('security.menu', { ns: 'account' })}</NavLink>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void signOut().then(() => navigate('/'))}
                >
                  {t('nav.signOut')}
                </button>
              </>
            ) : (
              <>
                <NavLink to="/login">{t('nav.signIn')}</NavLink>
                <NavLink to="/register" className="button button-small">
                  {t('nav.signUp')}
                </NavLink>
              </>
            )}
          </div>
        </nav>
      </header>
      <main id="main" className="page">
        <VerificationBanner />
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('tagline')}</p>
      </footer>
    </>
  );
}
