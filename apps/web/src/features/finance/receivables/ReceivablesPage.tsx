import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate } from '../../../lib/format';
import { DataTable } from '../../../components/DataTable';
import { useReceivables } from '../finance-queries';
import type { Receivable } from '../types';

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
            <DataTable
              caption={t('receivables.caption')}
              rows={data.organisations}
              rowKey={(row) => row.organisationId}
              columns={[
                {
                  id: 'organisation',
                  header: t('receivables.organisation'),
                  rowHeader: true,
                  cell: (row) => (
                    <Link to={`/finance/receivables/${row.organisationId}`}>
                      {row.organisationName}
                    </Link>
                  ),
                },
                {
                  id: 'openInvoices',
                  header: t('receivables.openInvoices'),
                  numeric: true,
                  cell: (row) => row.openInvoices,
                },
                ...BUCKETS.map((bucket) => ({
                  id: bucket,
                  header: t(`receivables.bucket.${bucket}`),
                  numeric: true,
                  cell: (row: Receivable) => <Money cents={row[bucket]} />,
                })),
                {
                  id: 'total',
                  header: t('receivables.total'),
                  numeric: true,
                  cell: (row) => (
                    <strong>
                      <Money cents={row.totalDueCents} />
                    </strong>
                  ),
                },
                {
                  id: 'credit',
                  header: t('receivables.credit'),
                  numeric: true,
                  cell: (row) => <Money cents={row.creditCents} />,
                },
              ]}
              footer={
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
              }
            />
          )}
        </>
      ) : null}
    </section>
  );
}
