import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';

/** The accounting pages side by side (the current one marked for screen readers), under « Comptabilité ». */
export function AccountingNav() {
  const { t } = useTranslation('finance');
  const links: [string, string][] = [
    ['/finance/accounting', t('accounting.nav.periods')],
    ['/finance/accounting/journals', t('accounting.nav.journals')],
    ['/finance/accounting/chart', t('accounting.nav.chart')],
    ['/finance/exports', t('accounting.nav.exports')],
  ];
  return (
    <>
      <p>
        <Link to="/finance">{t('back')}</Link>
      </p>
      <nav aria-label={t('accounting.nav.label')} className="finance-subnav">
        <ul className="row finance-plain">
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
