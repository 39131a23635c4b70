import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate } from '../../../lib/format';
import { bankDetailsOf, formatIban } from '../bank-details';
import { useInvoice } from '../member-queries';
import { InvoiceStatusBadge } from '../status';
import { PdfDownload } from './PdfDownload';
import { TransmissionHistory } from '../../transmission/TransmissionHistory';

/** /invoices/:id — an invoice or credit note: lines, VAT, status, how to pay while it is due. */
export function InvoiceDetailPage() {
  const { t, i18n } = useTranslation('member');
  const { id = '' } = useParams();
  const invoice = useInvoice(id);
  // Back from Stripe Checkout (a cotisation paid by card): the webhook records it shortly.
  const [params] = useSearchParams();
  const paidByCard = params.get('paid') === '1';

  if (invoice.isPending) return <Loading />;
  if (invoice.isError) {
    return (
      <section>
        <PageTitle>{t('invoice.title')}</PageTitle>
        <ProblemAlert error={invoice.error} />
        <Link to="/invoices">{t('invoice.back')}</Link>
      </section>
    );
  }

  const data = invoice.data;
  const title = t(`invoice.titleOf.${data.type}`, { number: data.number ?? '' });
  const date = (iso: string | null) => (iso ? formatDate(iso, i18n.language) : '—');
  const due = data.type === 'invoice' && data.amountDueCents > 0;
  const bank = due ? bankDetailsOf(data) : null;
  const rate = (basisPoints: number) => t('invoice.rate', { rate: basisPoints / 100 });

  return (
    <section className="stack">
      <PageTitle title={title}>{title}</PageTitle>
      <p>
        <Link to="/invoices">{t('invoice.back')}</Link>
      </p>
      <div role="status">
        {paidByCard && data.amountDueCents > 0 ? (
          <p className="alert alert-success">{t('invoice.paidReturn')}</p>
        ) : null}
      </div>
      <dl className="facts">
        <dt>{t('invoice.status')}</dt>
        <dd>
          <InvoiceStatusBadge invoice={data} />
        </dd>
        <dt>{t('invoice.issueDate')}</dt>
        <dd>{date(data.issueDate)}</dd>
        <dt>{t('invoice.serviceDate')}</dt>
        <dd>{date(data.serviceDate)}</dd>
        {data.type === 'invoice' ? (
          <>
            <dt>{t('invoice.dueDate')}</dt>
            <dd>{date(data.dueDate)}</dd>
          </>
        ) : null}
        {data.bookingId ? (
          <>
            <dt>{t('invoice.booking')}</dt>
            <dd>
              <Link to={`/bookings/${data.bookingId}`}>{t('invoice.seeBooking')}</Link>
            </dd>
          </>
        ) : null}
        {data.membershipId ? (
          <>
            <dt>{t('invoice.membership')}</dt>
            <dd>
              <Link to={`/membership?organisation=${data.organisationId}`}>
                {t('invoice.seeMembership')}
              </Link>
            </dd>
          </>
        ) : null}
        {data.correctsInvoiceId ? (
          <>
            <dt>{t('invoice.corrects')}</dt>
            <dd>
              <Link to={`/invoices/${data.correctsInvoiceId}`}>{t('invoice.seeOriginal')}</Link>
            </dd>
          </>
        ) : null}
        {data.reason ? (
          <>
            <dt>{t('invoice.reason')}</dt>
            <dd>{data.reason}</dd>
          </>
        ) : null}
      </dl>

      <PdfDownload invoice={data} />
      <TransmissionHistory invoiceId={data.id} references={data.buyer.publicProcurement} />

      {due ? (
        <section aria-labelledby="pay-heading" className="card">
          <h2 id="pay-heading">{t('invoice.payHeading')}</h2>
          <dl className="facts">
            <dt>{t('invoice.amountDue')}</dt>
            <dd>
              <strong>
                <Money cents={data.amountDueCents} />
              </strong>
            </dd>
            <dt>{t('transfer.reference')}</dt>
            <dd>
              <strong className="reference">{data.paymentReference}</strong>
            </dd>
            {bank ? (
              <>
                <dt>{t('transfer.beneficiary')}</dt>
                <dd>{bank.name}</dd>
                <dt>{t('transfer.iban')}</dt>
                <dd className="reference">{formatIban(bank.iban)}</dd>
                <dt>{t('transfer.bic')}</dt>
                <dd className="reference">{bank.bic.toUpperCase()}</dd>
              </>
            ) : null}
          </dl>
          <p>{t('transfer.quoteReference')}</p>
          {data.overdue ? (
            <p className="alert alert-error" role="status">
              {t('invoice.overdue')}
            </p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="lines-heading">
        <h2 id="lines-heading">{t('invoice.lines')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('invoice.columns.description')}</th>
                <th scope="col" className="number">
                  {t('invoice.columns.quantity')}
                </th>
                <th scope="col" className="number">
                  {t('invoice.columns.unitPrice')}
                </th>
                <th scope="col">{t('invoice.columns.vat')}</th>
                <th scope="col" className="number">
                  {t('invoice.columns.lineTotal')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.lines.map((line, index) => (
                <tr key={index}>
                  <td className="preserve-lines">{line.description}</td>
                  <td className="number">{line.quantity}</td>
                  <td className="number">
                    <Money cents={line.unitPriceExclVatCents} />
                  </td>
                  <td>
                    {line.vatCategory === 'S'
                      ? rate(line.vatRateBasisPoints)
                      : t(`invoice.vatCategory.${line.vatCategory}`)}
                  </td>
                  <td className="number">
                    <Money cents={line.lineTotalExclVatCents} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="vat-heading">
        <h2 id="vat-heading">{t('invoice.vatBreakdown')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('invoice.columns.vatRate')}</th>
                <th scope="col" className="number">
                  {t('invoice.columns.taxable')}
                </th>
                <th scope="col" className="number">
                  {t('invoice.columns.vatAmount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.vatBreakdown.map((entry) => (
                <tr key={`${entry.vatCategory}-${entry.vatRateBasisPoints}`}>
                  <th scope="row">
                    {entry.vatCategory === 'S'
                      ? rate(entry.vatRateBasisPoints)
                      : t(`invoice.vatCategory.${entry.vatCategory}`)}
                    {entry.exemptionReason ? (
                      <>
                        <br />
                        <span className="muted">{entry.exemptionReason}</span>
                      </>
                    ) : null}
                  </th>
                  <td className="number">
                    <Money cents={entry.taxableAmountCents} />
                  </td>
                  <td className="number">
                    <Money cents={entry.vatAmountCents} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <dl className="facts totals">
          <dt>{t('price.totalExclVat')}</dt>
          <dd>
            <Money cents={data.totalExclVatCents} />
          </dd>
          <dt>{t('price.vat')}</dt>
          <dd>
            <Money cents={data.totalVatCents} />
          </dd>
          <dt>{t('price.totalInclVat')}</dt>
          <dd>
            <strong>
              <Money cents={data.totalInclVatCents} />
            </strong>
          </dd>
          {data.amountPaidCents > 0 ? (
            <>
              <dt>{t('invoice.amountPaid')}</dt>
              <dd>
                <Money cents={data.amountPaidCents} />
              </dd>
            </>
          ) : null}
          {data.amountCreditedCents > 0 ? (
            <>
              <dt>{t('invoice.amountCredited')}</dt>
              <dd>
                <Money cents={data.amountCreditedCents} />
              </dd>
            </>
          ) : null}
        </dl>
      </section>
    </section>
  );
}
