import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Money } from '../../components/Money';
import { PageTitle } from '../../components/PageTitle';
import { useReceivables, useSuggestedLinesWaiting } from './finance-queries';

/** Where finance staff start: the work waiting, and the way to each finance page. */
export function FinanceHomePage() {
  const { t } = useTranslation('finance');
  // One line is enough to know whether lines await a decision; receivables give the total owed.
  const linesWaiting = useSuggestedLinesWaiting();
  const receivables = useReceivables();
  const pages = [
    {
      to: '/finance/reconciliation',
      title: t('home.reconciliation'),
      text: linesWaiting.data ? t('home.reconciliationWaiting') : t('home.reconciliationText'),
    },
    { to: '/finance/receivables', title: t('home.receivables'), text: t('home.receivablesText') },
    { to: '/finance/invoices', title: t('home.invoices'), text: t('home.invoicesText') },
    {
      to: '/finance/transmissions',
      title: t('home.transmissions'),
      text: t('home.transmissionsText'),
    },
    { to: '/finance/accounting', title: t('home.accounting'), text: t('home.accountingText') },
    { to: '/finance/exports', title: t('home.exports'), text: t('home.exportsText') },
    { to: '/finance/refunds', title: t('home.refunds'), text: t('home.refundsText') },
    { to: '/finance/vat', title: t('home.vat'), text: t('home.vatText') },
  ];
  return (
    <section className="stack">
      <PageTitle>{t('home.title')}</PageTitle>
      {receivables.data ? (
        <p>
          {t('home.totalDue')}{' '}
          <strong>
            <Money cents={receivables.data.totals.totalDueCents} />
          </strong>
          {receivables.data.totals.over90 > 0 ? (
            <>
              {' · '}
              {t('home.over90')} <Money cents={receivables.data.totals.over90} />
            </>
          ) : null}
        </p>
      ) : null}
      <ul className="grid finance-plain">
        {pages.map((page) => (
          <li key={page.to} className="card stack">
            <h2>
              <Link to={page.to}>{page.title}</Link>
            </h2>
            <p>{page.text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
