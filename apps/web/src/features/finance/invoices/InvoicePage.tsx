import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { Link, useParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate } from '../../../lib/format';
import { mergeFieldErrors } from '../field-errors';
import { useFinanceInvoice, useInvoicePdf, useRequestCreditNote } from '../finance-queries';
import type { Invoice } from '../types';
import { buyerName, InvoiceStatusBadge } from './InvoiceStatusBadge';
import { creditNoteRequest, type CreditNoteErrors } from './invoices';
import { needsCorrection } from '../../transmission/transmission';
import { TransmissionHistory } from '../../transmission/TransmissionHistory';

/** One invoice: its amounts, its PDF, and a credit note to correct it. */
export function InvoicePage() {
  const { t, i18n } = useTranslation('finance');
  const { invoiceId = '' } = useParams();
  const invoice = useFinanceInvoice(invoiceId);
  const data = invoice.data;
  const number = data?.number ?? t('invoices.draft');
  const pdf = useInvoicePdf(invoiceId, number);
  const title = data ? t('invoice.title', { number }) : t('invoice.loading');
  return (
    <section className="stack">
      <p>
        <Link to="/finance/invoices">{t('invoice.back')}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      {invoice.isPending ? <Loading /> : null}
      <ProblemAlert error={invoice.error} />
      {data ? (
        <>
          <dl className="facts finance-facts card">
            <dt>{t('invoices.organisation')}</dt>
            <dd>
              <Link to={`/finance/receivables/${data.organisationId}`}>{buyerName(data)}</Link>
            </dd>
            <dt>{t('invoices.status')}</dt>
            <dd>
              <InvoiceStatusBadge invoice={data} />
            </dd>
            {data.issueDate ? (
              <>
                <dt>{t('invoices.issueDate')}</dt>
                <dd>{formatDate(data.issueDate, i18n.language)}</dd>
              </>
            ) : null}
            {data.dueDate ? (
              <>
                <dt>{t('invoices.dueDate')}</dt>
                <dd>{formatDate(data.dueDate, i18n.language)}</dd>
              </>
            ) : null}
            <dt>{t('invoices.total')}</dt>
            <dd>
              <Money cents={data.totalInclVatCents} />
            </dd>
            <dt>{t('invoice.paid')}</dt>
            <dd>
              <Money cents={data.amountPaidCents} />
            </dd>
            <dt>{t('invoice.credited')}</dt>
            <dd>
              <Money cents={data.amountCreditedCents} />
            </dd>
            <dt>{t('invoices.amountDue')}</dt>
            <dd>
              <Money cents={data.amountDueCents} />
            </dd>
            {data.paymentReference ? (
              <>
                <dt>{t('invoice.paymentReference')}</dt>
                <dd>{data.paymentReference}</dd>
              </>
            ) : null}
            {data.reason ? (
              <>
                <dt>{t('invoice.reason')}</dt>
                <dd>{data.reason}</dd>
              </>
            ) : null}
          </dl>
          {data.pdfAvailable ? (
            <div>
              <button
                type="button"
                className="button button-secondary"
                disabled={pdf.isPending}
                onClick={() => pdf.mutate()}
              >
                {t('invoice.downloadPdf')}
              </button>
            </div>
          ) : null}
          <ProblemAlert error={pdf.error} />
          {data.status !== 'draft' ? (
            <TransmissionHistory
              invoiceId={data.id}
              references={data.buyer.publicProcurement}
              staff
            >
              {(transmission) =>
                needsCorrection(transmission, data) ? (
                  <p className="alert">
                    {t('transmissions.rejectedHelp')}{' '}
                    <a href="#credit-note-heading">{t('transmissions.correct')}</a>
                  </p>
                ) : null
              }
            </TransmissionHistory>
          ) : null}
          {data.type === 'invoice' && data.status !== 'draft' && data.status !== 'cancelled' ? (
            <CreditNoteForm invoice={data} />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function CreditNoteForm({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation('finance');
  const { t: tCommon } = useTranslation();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [localErrors, setLocalErrors] = useState<CreditNoteErrors>({});
  const [notice, setNotice] = useState('');
  const creditable = invoice.totalInclVatCents - invoice.amountCreditedCents;
  const issue = useRequestCreditNote(invoice.id, () => {
    setAmount('');
    setReason('');
    setNotice(t('creditNote.requested'));
  });
  const fields = mergeFieldErrors(localErrors, issue.error, t, tCommon);

  function submit(event: FormEvent) {
    event.preventDefault();
    setNotice('');
    const request = creditNoteRequest(amount, reason, creditable);
    if ('errors' in request) {
      setLocalErrors(request.errors);
      return;
    }
    setLocalErrors({});
    issue.mutate(request.body);
  }

  return (
    <section className="card stack" aria-labelledby="credit-note-heading">
      <h2 id="credit-note-heading">{t('creditNote.title')}</h2>
      <p role="status" className={notice ? 'alert alert-success' : undefined}>
        {notice}
      </p>
      <ProblemAlert error={issue.error} />
      <form onSubmit={submit} noValidate className="stack">
        <Field
          label={t('creditNote.amount')}
          hint={t('creditNote.amountHint')}
          errorText={fields.amountCents}
        >
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              autoComplete="off"
              required
              value={amount}
              onChange={(event) => setAmount(event.target.value)}
            />
          )}
        </Field>
        <p className="muted">
          {t('creditNote.creditable')} <Money cents={creditable} />
        </p>
        <Field
          label={t('creditNote.reason')}
          hint={t('creditNote.reasonHint')}
          errorText={fields.reason}
        >
          {(control) => (
            <textarea
              {...control}
              required
              maxLength={1000}
              rows={3}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </Field>
        <div>
          <button type="submit" className="button" disabled={issue.isPending}>
            {issue.isPending ? t('creditNote.sending') : t('creditNote.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
