import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Field } from '../../../components/Field';
import { LoadMore } from '../../../components/LoadMore';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDateTime } from '../../../lib/format';
import {
  STATE_TONES,
  STATUS_TONES,
  TRANSMISSION_CHANNELS,
  TRANSMISSION_STATES,
  transmissionFilters,
  type TransmissionListItem,
} from '../../transmission/transmission';
import { useInvoiceTransmissions } from '../../transmission/transmission-queries';

type Filters = ReturnType<typeof transmissionFilters>;

/**
 * How invoices reached their buyers, Chorus Pro first: each one's state, its last status and
 * when, and the reason of a rejection, with the way to its invoice (to correct it by a credit
 * note and a new invoice).
 */
export function TransmissionsPage() {
  const { t } = useTranslation('finance');
  const [params, setParams] = useSearchParams();
  const applied = transmissionFilters(params);
  const transmissions = useInvoiceTransmissions(applied);
  const items = transmissions.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="stack">
      <p>
        <Link to="/finance">{t('back')}</Link>
      </p>
      <PageTitle>{t('transmissions.title')}</PageTitle>
      <FiltersForm
        key={params.toString()}
        initial={applied}
        onApply={(filters) =>
          setParams({
            channel: filters.channel,
            ...(filters.state ? { state: filters.state } : {}),
          })
        }
      />
      <ProblemAlert error={transmissions.error} />
      {transmissions.isPending ? <Loading /> : null}
      {transmissions.isSuccess && items.length === 0 ? <p>{t('transmissions.empty')}</p> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('transmissions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('transmissions.invoice')}</th>
                <th scope="col">{t('transmissions.buyer')}</th>
                <th scope="col" className="number">
                  {t('transmissions.total')}
                </th>
                <th scope="col">{t('transmissions.channel')}</th>
                <th scope="col">{t('transmissions.state')}</th>
                <th scope="col">{t('transmissions.lastStatus')}</th>
                <th scope="col">{t('transmissions.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <TransmissionRow key={item.invoiceId} item={item} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore query={transmissions} />
    </section>
  );
}

function TransmissionRow({ item }: { item: TransmissionListItem }) {
  const { t, i18n } = useTranslation('finance');
  const { t: tCommon } = useTranslation();
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <tr>
      <td>
        <Link to={`/finance/invoices/${item.invoiceId}`}>
          {item.invoiceNumber ?? item.invoiceId}
        </Link>
      </td>
      <td>{item.buyerName}</td>
      <td className="number">
        <Money cents={item.totalInclVatCents} />
      </td>
      <td>{tCommon(`transmission.channel.${item.channel}`)}</td>
      <td>
        <StatusBadge tone={STATE_TONES[item.state]}>
          {tCommon(`transmission.state.${item.state}`)}
        </StatusBadge>
        {item.lastError ? (
          <p className="muted">
            {t('transmissions.problem')} : {item.lastError}
            {item.nextAttemptAt
              ? ` (${t('transmissions.nextAttempt', { when: when(item.nextAttemptAt) })})`
              : null}
          </p>
        ) : null}
      </td>
      <td>
        {item.lastStatus ? (
          <>
            <StatusBadge tone={STATUS_TONES[item.lastStatus]}>
              {tCommon(`transmission.status.${item.lastStatus}`)}
            </StatusBadge>
            {item.lastStatusAt ? (
              <>
                {' '}
                <time dateTime={item.lastStatusAt}>{when(item.lastStatusAt)}</time>
              </>
            ) : null}
          </>
        ) : (
          '—'
        )}
      </td>
      <td>
        {item.rejectionReason ?? '—'}
        {item.state === 'rejected' && item.invoiceType === 'invoice' ? (
          <p>
            <Link to={`/finance/invoices/${item.invoiceId}#credit-note-heading`}>
              {t('transmissions.correct')}
            </Link>
          </p>
        ) : null}
      </td>
    </tr>
  );
}

function FiltersForm({
  initial,
  onApply,
}: {
  initial: Filters;
  onApply: (filters: Filters) => void;
}) {
  const { t } = useTranslation('finance');
  const { t: tCommon } = useTranslation();
  const [filters, setFilters] = useState(initial);

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(filters);
  }

  return (
    <form onSubmit={submit} className="card stack" aria-label={t('transmissions.filters')}>
      <div className="grid">
        <Field label={t('transmissions.channel')}>
          {(control) => (
            <select
              {...control}
              value={filters.channel}
              onChange={(event) =>
                setFilters({ ...filters, channel: event.target.value as Filters['channel'] })
              }
            >
              <option value="">{t('transmissions.anyChannel')}</option>
              {TRANSMISSION_CHANNELS.map((channel) => (
                <option key={channel} value={channel}>
                  {tCommon(`transmission.channel.${channel}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('transmissions.state')}>
          {(control) => (
            <select
              {...control}
              value={filters.state}
              onChange={(event) =>
                setFilters({ ...filters, state: event.target.value as Filters['state'] })
              }
            >
              <option value="">{t('transmissions.anyState')}</option>
              {TRANSMISSION_STATES.map((state) => (
                <option key={state} value={state}>
                  {tCommon(`transmission.state.${state}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div>
        <button type="submit" className="button">
          {t('transmissions.apply')}
        </button>
      </div>
    </form>
  );
}
