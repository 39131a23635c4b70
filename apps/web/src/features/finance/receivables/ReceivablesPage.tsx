import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate } from '../../../lib/format';
import { useReceivables } from '../finance-queries';

const BUCKETS = ['notDue', 'days0to30', 'days31to60', 'days61to90', 'over90'] as const;

/** What each organisation owes, by how late it is. */
export function ReceivablesPage() {
  const { t, i18n } = useTranslation('finance');
  const receivables = useReceivables();
  const data = receivables.data;
  return (
    <section className="stack">
      <p>
        <Link to="/finance">{t('back')}</Link>
      </p>
      <PageTitle>{t('receivables.title')}</PageTitle>
      {receivables.isPending ? <Loading /> : null}
      <ProblemAlert error={receivables.error} />
      {data ? (
        <>
          <p className="muted">
            {t('receivables.asOf', { date: formatDate(data.asOf, i18n.language) })}
          </p>
          {data.organisations.length === 0 ? (
            <p>{t('receivables.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('receivables.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('receivables.organisation')}</th>
                    <th scope="col" className="number">
                      {t('receivables.openInvoices')}
                    </th>
                    {BUCKETS.map((bucket) => (
                      <th scope="col" className="number" key={bucket}>
                        {t(`receivables.bucket.${bucket}`)}
                      </th>
                    ))}
                    <th scope="col" className="number">
                      {t('receivables.total')}
                    </th>
                    <th scope="col" className="number">
                      {t('receivables.credit')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.organisations.map((row) => (
                    <tr key={row.organisationId}>
                      <th scope="row">
                        <Link to={`/finance/receivables/${row.organisationId}`}>
                          {row.organisationName}
                        </Link>
                      </th>
                      <td className="number">{row.openInvoices}</td>
                      {BUCKETS.map((bucket) => (
                        <td className="number" key={bucket}>
                          <Money cents={row[bucket]} />
                        </td>
                      ))}
                      <td className="number">
                        <strong>
                          <Money cents={row.totalDueCents} />
                        </strong>
                      </td>
                      <td className="number">
                        <Money cents={row.creditCents} />
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('receivables.totals')}</th>
                    <td />
                    {BUCKETS.map((bucket) => (
                      <td className="number" key={bucket}>
                        <Money cents={data.totals[bucket]} />
                      </td>
                    ))}
                    <td className="number">
                      <strong>
                        <Money cents={data.totals.totalDueCents} />
                      </strong>
                    </td>
                    <td className="number">
                      <Money cents={data.totals.creditCents} />
                    </td>
                  </tr>
                </tfoot>
              </table>
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}
