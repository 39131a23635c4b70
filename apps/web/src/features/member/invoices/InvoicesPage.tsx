import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../../components/LoadMore';
import { Link, useSearchParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate } from '../../../lib/format';
import { useInvoices } from '../member-queries';
import { InvoiceStatusBadge } from '../status';
import { PdfDownload } from './PdfDownload';

/** /invoices — the invoices and credit notes of the member's organisations. */
export function InvoicesPage() {
  const { t, i18n } = useTranslation('member');
  const [params, setParams] = useSearchParams();
  const overdue = params.get('overdue') === '1';

  const invoices = useInvoices(overdue);
  const rows = invoices.data?.pages.flatMap((page) => page.items) ?? [];
  const date = (iso: string | null) => (iso ? formatDate(iso, i18n.language) : '—');

  return (
    <section>
      <PageTitle>{t('invoices.title')}</PageTitle>
      <div className="choice">
        <input
          type="checkbox"
          id="overdue-only"
          checked={overdue}
          onChange={(event) =>
            setParams(event.target.checked ? { overdue: '1' } : {}, { replace: true })
          }
        />
        <label htmlFor="overdue-only">{t('invoices.overdueOnly')}</label>
      </div>
      {invoices.isPending ? <Loading /> : null}
      <ProblemAlert error={invoices.error} />
      {invoices.isSuccess && rows.length === 0 ? (
        <p className="muted">{overdue ? t('invoices.noneOverdue') : t('invoices.empty')}</p>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('invoices.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('invoices.columns.number')}</th>
                <th scope="col">{t('invoices.columns.status')}</th>
                <th scope="col">{t('invoices.columns.issueDate')}</th>
                <th scope="col">{t('invoices.columns.dueDate')}</th>
                <th scope="col" className="number">
                  {t('invoices.columns.total')}
                </th>
                <th scope="col" className="number">
                  {t('invoices.columns.due')}
                </th>
                <th scope="col">{t('invoices.columns.pdf')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((invoice) => (
                <tr key={invoice.id}>
                  <th scope="row">
                    <Link to={`/invoices/${invoice.id}`} className="nowrap">
                      {invoice.number ?? invoice.id}
                    </Link>
                    <br />
                    <span className="muted">{t(`invoiceType.${invoice.type}`)}</span>
                  </th>
                  <td>
                    <InvoiceStatusBadge invoice={invoice} />
                  </td>
                  <td>{date(invoice.issueDate)}</td>
                  <td>{invoice.type === 'invoice' ? date(invoice.dueDate) : '—'}</td>
                  <td className="number">
                    <Money cents={invoice.totalInclVatCents} />
                  </td>
                  <td className="number">
                    {invoice.type === 'invoice' ? <Money cents={invoice.amountDueCents} /> : '—'}
                  </td>
                  <td>
                    <PdfDownload invoice={invoice} small />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore query={invoices} />
    </section>
  );
}
