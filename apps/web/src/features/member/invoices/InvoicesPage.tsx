import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../../components/LoadMore';
import { Link, useSearchParams } from 'react-router';
import { DataTable } from '../../../components/DataTable';
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
        <DataTable
          caption={t('invoices.caption')}
          rows={rows}
          rowKey={(invoice) => invoice.id}
          columns={[
            {
              id: 'number',
              header: t('invoices.columns.number'),
              rowHeader: true,
              cell: (invoice) => (
                <>
                  <Link to={`/invoices/${invoice.id}`} className="nowrap">
                    {invoice.number ?? invoice.id}
                  </Link>
                  <br />
                  <span className="muted">{t(`invoiceType.${invoice.type}`)}</span>
                </>
              ),
            },
            {
              id: 'status',
              header: t('invoices.columns.status'),
              cell: (invoice) => <InvoiceStatusBadge invoice={invoice} />,
            },
            {
              id: 'issueDate',
              header: t('invoices.columns.issueDate'),
              cell: (invoice) => date(invoice.issueDate),
            },
            {
              id: 'dueDate',
              header: t('invoices.columns.dueDate'),
              cell: (invoice) => (invoice.type === 'invoice' ? date(invoice.dueDate) : '—'),
            },
            {
              id: 'total',
              header: t('invoices.columns.total'),
              numeric: true,
              cell: (invoice) => <Money cents={invoice.totalInclVatCents} />,
            },
            {
              id: 'due',
              header: t('invoices.columns.due'),
              numeric: true,
              cell: (invoice) =>
                invoice.type === 'invoice' ? <Money cents={invoice.amountDueCents} /> : '—',
            },
            {
              id: 'pdf',
              header: t('invoices.columns.pdf'),
              cell: (invoice) => <PdfDownload invoice={invoice} small />,
            },
          ]}
        />
      ) : null}
      <LoadMore query={invoices} />
    </section>
  );
}
