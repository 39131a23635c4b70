import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Money } from '../../../components/Money';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDate } from '../../../lib/format';
import { bankDetailsOf, formatIban } from '../bank-details';
import { PdfDownload } from '../invoices/PdfDownload';
import { useInvoice } from '../member-queries';
import { YEAR_STATUS_TONES, yearStateKey } from './membership';
import { useDownloadCertificate, usePayInvoiceByCard } from './membership-queries';
import type { MembershipYear } from './types';

/** One year of adhésion: its status in words, its invoice and how to pay it, its certificate. */
export function YearCard({
  organisationId,
  year,
}: {
  organisationId: string;
  year: MembershipYear;
}) {
  const { t } = useTranslation('membership');
  const headingId = `membership-year-${year.year}`;
  const state = yearStateKey(year);
  const certificate = useDownloadCertificate(organisationId);
  const due = year.invoice !== null && year.invoice.amountDueCents > 0;

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('year.heading', { year: year.year })}</h2>
      <p>
        <StatusBadge tone={YEAR_STATUS_TONES[year.status]}>{t(`year.state.${state}`)}</StatusBadge>
      </p>
      <p>{t(`year.explain.${state}`, { year: year.year })}</p>
      <dl className="facts">
        {year.feeCents > 0 || year.invoice ? (
          <>
            <dt>{t('year.fee')}</dt>
            <dd>
              <Money cents={year.feeCents} />
            </dd>
          </>
        ) : null}
        {year.invoice ? (
          <>
            <dt>{t('year.invoice')}</dt>
            <dd>
              <Link to={`/invoices/${year.invoice.id}`}>
                {year.invoice.number ?? t('year.invoiceBeingIssued')}
              </Link>
            </dd>
            <dt>{t('year.amountDue')}</dt>
            <dd>
              <strong>
                <Money cents={year.invoice.amountDueCents} />
              </strong>
            </dd>
          </>
        ) : null}
      </dl>
      {year.invoice && year.invoice.number ? (
        <PdfDownload
          invoice={{ id: year.invoice.id, number: year.invoice.number, type: 'invoice' }}
          small
        />
      ) : null}
      {due && year.invoice ? (
        <InvoicePayment invoiceId={year.invoice.id} amountDueCents={year.invoice.amountDueCents} />
      ) : null}
      {year.certificateAvailable ? (
        <div>
          <button
            type="button"
            className="button button-secondary"
            disabled={certificate.isPending}
            onClick={() => certificate.mutate(year.year)}
          >
            {t('year.certificate', { year: year.year })}
          </button>
          <ProblemAlert ns="membership" error={certificate.error} />
        </div>
      ) : null}
    </section>
  );
}

/** Pay the year's invoice: by card on Stripe, or by transfer quoting the RF reference. */
function InvoicePayment({
  invoiceId,
  amountDueCents,
}: {
  invoiceId: string;
  amountDueCents: number;
}) {
  const { t, i18n } = useTranslation('membership');
  const pay = usePayInvoiceByCard();
  const invoice = useInvoice(invoiceId);
  const bank = invoice.data ? bankDetailsOf(invoice.data) : null;
  const headingId = `transfer-${invoiceId}`;

  return (
    <div className="stack">
      <div>
        <button
          type="button"
          className="button"
          disabled={pay.isPending || pay.isSuccess}
          onClick={() => pay.mutate(invoiceId)}
        >
          {pay.isPending || pay.isSuccess ? t('pay.redirecting') : t('pay.card')}
        </button>
        <ProblemAlert ns="membership" error={pay.error} />
      </div>
      <section aria-labelledby={headingId}>
        <h3 id={headingId}>{t('pay.transferHeading')}</h3>
        <p>{t('pay.transferIntro')}</p>
        <ProblemAlert ns="membership" error={invoice.error} />
        {invoice.data ? (
          <dl className="facts">
            <dt>{t('pay.amount')}</dt>
            <dd>
              <Money cents={amountDueCents} />
            </dd>
            <dt>{t('pay.reference')}</dt>
            <dd>
              <strong className="reference">{invoice.data.paymentReference}</strong>
            </dd>
            {bank ? (
              <>
                <dt>{t('pay.beneficiary')}</dt>
                <dd>{bank.name}</dd>
                <dt>IBAN</dt>
                <dd className="reference">{formatIban(bank.iban)}</dd>
                <dt>BIC</dt>
                <dd className="reference">{bank.bic.toUpperCase()}</dd>
              </>
            ) : null}
            {invoice.data.dueDate ? (
              <>
                <dt>{t('pay.dueDate')}</dt>
                <dd>{formatDate(invoice.data.dueDate, i18n.language)}</dd>
              </>
            ) : null}
          </dl>
        ) : null}
      </section>
    </div>
  );
}
