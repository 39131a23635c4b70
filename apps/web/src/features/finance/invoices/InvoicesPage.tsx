import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../../components/LoadMore';
import { Field } from '../../../components/Field';
import { Link, useSearchParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate } from '../../../lib/format';
import { mergeFieldErrors } from '../field-errors';
import { useFinanceInvoices, useFinanceOrganisations, useInvoicePdf } from '../finance-queries';
import type { Invoice } from '../types';
import { buyerName, InvoiceStatusBadge } from './InvoiceStatusBadge';
import {
  filtersFromSearch,
  filtersToSearch,
  INVOICE_STATUSES,
  invoiceQuery,
  type InvoiceFilters,
} from './invoices';

/** Every invoice and credit note, filtered; the PDF and a credit note from each. */
export function InvoicesPage() {
  const { t } = useTranslation('finance');
  const [params, setParams] = useSearchParams();
  const applied = filtersFromSearch(params);
  const query = invoiceQuery(applied);
  const invoices = useFinanceInvoices(query);
  const items = invoices.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="stack">
      <p>
        <Link to="/finance">{t('back')}</Link>
      </p>
      <PageTitle>{t('invoices.title')}</PageTitle>
      <FiltersForm
        key={params.toString()}
        initial={applied}
        error={invoices.error}
        onApply={(filters) => setParams(filtersToSearch(filters))}
      />
      {invoices.isPending ? <Loading /> : null}
      {invoices.isSuccess && items.length === 0 ? <p>{t('invoices.empty')}</p> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('invoices.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('invoices.number')}</th>
                <th scope="col">{t('invoices.organisation')}</th>
                <th scope="col">{t('invoices.issueDate')}</th>
                <th scope="col">{t('invoices.dueDate')}</th>
                <th scope="col" className="number">
                  {t('invoices.total')}
                </th>
                <th scope="col" className="number">
                  {t('invoices.amountDue')}
                </th>
                <th scope="col">{t('invoices.status')}</th>
                <th scope="col">{t('invoices.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((invoice) => (
                <InvoiceRow key={invoice.id} invoice={invoice} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore query={invoices} />
    </section>
  );
}

function FiltersForm({
  initial,
  error,
  onApply,
}: {
  initial: InvoiceFilters;
  error: unknown;
  onApply: (filters: InvoiceFilters) => void;
}) {
  const { t } = useTranslation('finance');
  const { t: tCommon } = useTranslation();
  const [filters, setFilters] = useState(initial);
  const organisations = useFinanceOrganisations();
  const fields = mergeFieldErrors({}, error, t, tCommon);
  const set = (patch: Partial<InvoiceFilters>) =>
    setFilters((current) => ({ ...current, ...patch }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(filters);
  }

  return (
    <form onSubmit={submit} className="card stack" aria-label={t('invoices.filters')}>
      <ProblemAlert error={error ?? organisations.error} />
      <div className="grid">
        <Field label={t('invoices.status')} errorText={fields.status}>
          {(control) => (
            <select
              {...control}
              value={filters.status}
              onChange={(event) => set({ status: event.target.value as InvoiceFilters['status'] })}
            >
              <option value="">{t('invoices.anyStatus')}</option>
              {INVOICE_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`invoiceStatus.${status}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('invoices.organisation')} errorText={fields.organisationId}>
          {(control) => (
            <select
              {...control}
              value={filters.organisationId}
              onChange={(event) => set({ organisationId: event.target.value })}
            >
              <option value="">{t('invoices.anyOrganisation')}</option>
              {(organisations.data?.items ?? []).map((organisation) => (
                <option key={organisation.id} value={organisation.id}>
                  {organisation.legalName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('invoices.from')} errorText={fields.from}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={filters.from}
              onChange={(event) => set({ from: event.target.value })}
            />
          )}
        </Field>
        <Field label={t('invoices.to')} errorText={fields.to}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={filters.to}
              onChange={(event) => set({ to: event.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="row">
        <label>
          <input
            type="checkbox"
            checked={filters.overdue}
            onChange={(event) => set({ overdue: event.target.checked })}
          />{' '}
          {t('invoices.overdueOnly')}
        </label>
        <button type="submit" className="button">
          {t('invoices.apply')}
        </button>
      </div>
    </form>
  );
}

function InvoiceRow({ invoice }: { invoice: Invoice }) {
  const { t, i18n } = useTranslation('finance');
  const number = invoice.number ?? t('invoices.draft');
  const pdf = useInvoicePdf(invoice.id, number);
  return (
    <tr>
      <th scope="row">
        <Link to={`/finance/invoices/${invoice.id}`} className="finance-nowrap">
          {number}
        </Link>
        {invoice.type === 'credit_note' ? (
          <span className="muted"> · {t('invoices.creditNote')}</span>
        ) : null}
      </th>
      <td>{buyerName(invoice)}</td>
      <td>{invoice.issueDate ? formatDate(invoice.issueDate, i18n.language) : null}</td>
      <td>{invoice.dueDate ? formatDate(invoice.dueDate, i18n.language) : null}</td>
      <td className="number">
        <Money cents={invoice.totalInclVatCents} />
      </td>
      <td className="number">
        <Money cents={invoice.amountDueCents} />
      </td>
      <td>
        <InvoiceStatusBadge invoice={invoice} />
      </td>
      <td>
        {invoice.pdfAvailable ? (
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={pdf.isPending}
            onClick={() => pdf.mutate()}
          >
            {t('invoices.pdf')}
            <span className="visually-hidden"> {number}</span>
          </button>
        ) : null}
        <ProblemAlert error={pdf.error} />
      </td>
    </tr>
  );
}
