import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { DataTable } from '../../../components/DataTable';
import { Money } from '../../../components/Money';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate } from '../../../lib/format';
import { useStatementOfAccount } from '../finance-queries';

/** An organisation's invoices, credit notes and payments in date order, with the running balance. */
export function StatementOfAccountPage() {
  const { t, i18n } = useTranslation('finance');
  const { organisationId = '' } = useParams();
  const statement = useStatementOfAccount(organisationId);
  const data = statement.data;
  return (
    <section className="stack">
      <p>
        <Link to="/finance/receivables">{t('statement.back')}</Link>
      </p>
      <PageTitle
        title={
          data ? t('statement.title', { name: data.organisationName }) : t('statement.loading')
        }
      >
        {data ? t('statement.title', { name: data.organisationName }) : t('statement.loading')}
      </PageTitle>
      {statement.isPending ? <Loading /> : null}
      <ProblemAlert error={statement.error} />
      {data ? (
        <>
          <p>
            {t('statement.balance')}{' '}
            <strong>
              <Money cents={data.balanceCents} />
            </strong>
          </p>
          {data.lines.length === 0 ? (
            <p>{t('statement.empty')}</p>
          ) : (
            <DataTable
              caption={t('statement.caption')}
              rows={data.lines.map((line, index) => ({ line, index }))}
              rowKey={({ line, index }) => `${line.reference}-${line.kind}-${index}`}
              columns={[
                {
                  id: 'date',
                  header: t('statement.date'),
                  cell: ({ line }) => formatDate(line.date, i18n.language),
                },
                {
                  id: 'reference',
                  header: t('statement.reference'),
                  rowHeader: true,
                  cell: ({ line }) => line.reference,
                },
                {
                  id: 'label',
                  header: t('statement.label'),
                  cell: ({ line }) => t(`statement.kind.${line.kind}`),
                },
                {
                  id: 'debit',
                  header: t('statement.debit'),
                  numeric: true,
                  cell: ({ line }) => (line.debitCents ? <Money cents={line.debitCents} /> : null),
                },
                {
                  id: 'credit',
                  header: t('statement.credit'),
                  numeric: true,
                  cell: ({ line }) =>
                    line.creditCents ? <Money cents={line.creditCents} /> : null,
                },
                {
                  id: 'runningBalance',
                  header: t('statement.runningBalance'),
                  numeric: true,
                  cell: ({ line }) => <Money cents={line.balanceCents} />,
                },
              ]}
            />
          )}
          <p>
            <Link to={`/finance/invoices?organisationId=${data.organisationId}`}>
              {t('statement.invoices')}
            </Link>
          </p>
        </>
      ) : null}
    </section>
  );
}
