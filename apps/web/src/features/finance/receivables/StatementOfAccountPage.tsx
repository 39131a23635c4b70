import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '../../../components/Loading';
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
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('statement.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('statement.date')}</th>
                    <th scope="col">{t('statement.reference')}</th>
                    <th scope="col">{t('statement.label')}</th>
                    <th scope="col" className="number">
                      {t('statement.debit')}
                    </th>
                    <th scope="col" className="number">
                      {t('statement.credit')}
                    </th>
                    <th scope="col" className="number">
                      {t('statement.runningBalance')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.lines.map((line, index) => (
                    <tr key={`${line.reference}-${line.kind}-${index}`}>
                      <td>{formatDate(line.date, i18n.language)}</td>
                      <th scope="row">{line.reference}</th>
                      <td>{t(`statement.kind.${line.kind}`)}</td>
                      <td className="number">
                        {line.debitCents ? <Money cents={line.debitCents} /> : null}
                      </td>
                      <td className="number">
                        {line.creditCents ? <Money cents={line.creditCents} /> : null}
                      </td>
                      <td className="number">
                        <Money cents={line.balanceCents} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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
