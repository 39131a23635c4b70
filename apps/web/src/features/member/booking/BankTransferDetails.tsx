import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate } from '../../../lib/format';
import { bankDetailsOf, formatIban } from '../bank-details';
import { useInvoice } from '../member-queries';

interface BankTransferDetailsProps {
  invoiceId: string;
  paymentReference: string;
  amountCents: number;
}

/**
 * What a member needs to pay by transfer: the amount, the reference to quote, the Chambre's bank
 * details and the invoice. The reference is known at once; the invoice (its number, due date and
 * the bank details printed on it) appears when the worker has issued it, a moment later.
 */
export function BankTransferDetails({
  invoiceId,
  paymentReference,
  amountCents,
}: BankTransferDetailsProps) {
  const { t, i18n } = useTranslation('member');
  const invoice = useInvoice(invoiceId, { waitForIssue: true });
  const bank = invoice.data ? bankDetailsOf(invoice.data) : null;

  return (
    <section aria-labelledby="transfer-heading" className="card stack">
      <h2 id="transfer-heading">{t('transfer.heading')}</h2>
      <p className="alert alert-success" role="status">
        {t('transfer.confirmed')}
      </p>
      <dl className="facts">
        <dt>{t('transfer.amount')}</dt>
        <dd>
          <Money cents={amountCents} />
        </dd>
        <dt>{t('transfer.reference')}</dt>
        <dd>
          <strong className="reference">{paymentReference}</strong>
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
        {invoice.data ? (
          <>
            <dt>{t('transfer.invoice')}</dt>
            <dd>
              <Link to={`/invoices/${invoiceId}`}>{invoice.data.number ?? invoiceId}</Link>
            </dd>
            {invoice.data.dueDate ? (
              <>
                <dt>{t('transfer.dueDate')}</dt>
                <dd>{formatDate(invoice.data.dueDate, i18n.language)}</dd>
              </>
            ) : null}
          </>
        ) : null}
      </dl>
      {invoice.isPending ? <Loading label={t('transfer.invoicePending')} /> : null}
      {invoice.isError ? <ProblemAlert error={invoice.error} /> : null}
      <p>{t('transfer.quoteReference')}</p>
    </section>
  );
}
