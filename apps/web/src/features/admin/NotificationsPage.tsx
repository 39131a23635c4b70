import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { formatShortDateTime } from '../../lib/format';
import { useDeliveries, useResendDelivery } from './admin-queries';
import type { DeliveryStatus } from './types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { StatusMessage } from './StatusMessage';
import { StatusBadge, type BadgeTone } from '../../components/StatusBadge';
import { DataTable } from '../../components/DataTable';

const STATUSES: DeliveryStatus[] = ['failed', 'pending', 'sent', 'skipped'];
const DELIVERY_TONES: Record<DeliveryStatus, BadgeTone> = {
  sent: 'ok',
  pending: 'neutral',
  skipped: 'warn',
  failed: 'danger',
};

/** The e-mails the platform sent or tried to send, newest first; a failed one can be sent again. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation('admin');
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [recipient, setRecipient] = useState('');
  const [filters, setFilters] = useState<{ status: DeliveryStatus | ''; recipient: string }>({
    status: '',
    recipient: '',
  });
  const [message, setMessage] = useState<string | null>(null);
  const list = useDeliveries(filters.status, filters.recipient);
  const resend = useResendDelivery({
    onStart: () => setMessage(null),
    onResent: (delivery) =>
      setMessage(t('notifications.resent', { recipient: delivery.recipient })),
  });
  const deliveries = list.data?.pages.flatMap((page) => page.items) ?? [];

  function submit(event: FormEvent) {
    event.preventDefault();
    setFilters({ status, recipient: recipient.trim() });
  }

  return (
    <section>
      <PageTitle>{t('notifications.title')}</PageTitle>
      <form className="card" role="search" onSubmit={submit}>
        <div className="grid">
          <Field label={t('notifications.status')}>
            {(control) => (
              <select
                {...control}
                value={status}
                onChange={(event) => setStatus(event.target.value as DeliveryStatus | '')}
              >
                <option value="">{t('notifications.anyStatus')}</option>
                {STATUSES.map((candidate) => (
                  <option key={candidate} value={candidate}>
                    {t(`delivery.${candidate}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('notifications.recipient')} hint={t('notifications.recipientHint')}>
            {(control) => (
              <input
                {...control}
                type="email"
                value={recipient}
                onChange={(event) => setRecipient(event.target.value)}
              />
            )}
          </Field>
        </div>
        <button type="submit" className="button">
          {t('common:actions.search')}
        </button>
      </form>
      <StatusMessage message={message} />
      <ProblemAlert ns="admin" error={resend.error} />
      {list.isPending ? <Loading /> : null}
      <ProblemAlert ns="admin" error={list.error} />
      {list.isSuccess && deliveries.length === 0 ? <p>{t('notifications.empty')}</p> : null}
      {deliveries.length > 0 ? (
        <DataTable
          caption={t('notifications.caption')}
          rows={deliveries}
          rowKey={(delivery) => delivery.id}
          columns={[
            {
              id: 'createdAt',
              header: t('notifications.createdAt'),
              cell: (delivery) => formatShortDateTime(delivery.createdAt, i18n.language),
            },
            {
              id: 'recipient',
              header: t('notifications.recipient'),
              rowHeader: true,
              cell: (delivery) => delivery.recipient,
            },
            {
              id: 'template',
              header: t('notifications.template'),
              cell: (delivery) => <code>{delivery.template}</code>,
            },
            {
              id: 'status',
              header: t('notifications.status'),
              cell: (delivery) => (
                <>
                  <StatusBadge tone={DELIVERY_TONES[delivery.status]}>
                    {t(`delivery.${delivery.status}`)}
                  </StatusBadge>
                  {delivery.sentAt ? (
                    <span className="muted" style={{ display: 'block' }}>
                      {formatShortDateTime(delivery.sentAt, i18n.language)}
                    </span>
                  ) : null}
                </>
              ),
            },
            {
              id: 'attempts',
              header: t('notifications.attempts'),
              numeric: true,
              cell: (delivery) => delivery.attempts,
            },
            {
              id: 'lastError',
              header: t('notifications.lastError'),
              cell: (delivery) => delivery.lastError ?? '',
            },
            {
              id: 'actions',
              header: <span className="visually-hidden">{t('notifications.actions')}</span>,
              cell: (delivery) =>
                delivery.status === 'failed' ? (
                  <button
                    type="button"
                    className="button button-small"
                    disabled={resend.isPending}
                    aria-label={t('notifications.resendTo', { recipient: delivery.recipient })}
                    onClick={() => resend.mutate(delivery)}
                  >
                    {t('notifications.resend')}
                  </button>
                ) : null,
            },
          ]}
        />
      ) : null}
      <LoadMore query={list} />
    </section>
  );
}
