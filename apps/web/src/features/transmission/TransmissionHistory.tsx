import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime } from '../../lib/format';
import { STATE_TONES, STATUS_TONES, type InvoiceTransmission } from './transmission';
import { useInvoiceTransmission } from './transmission-queries';

export interface ChorusReferences {
  structureSiret: string;
  serviceCode: string | null;
  engagementNumber: string | null;
}

/**
 * How an invoice reached its buyer (e-mail, Chorus Pro) and the statuses it went through, with
 * their times and reasons. Finance also sees our side's last error and next attempt; `children`
 * come after (the way to correct a rejected invoice).
 */
export function TransmissionHistory({
  invoiceId,
  references,
  staff = false,
  children,
}: {
  invoiceId: string;
  /** A public buyer's Chorus Pro structure and references, as the invoice carries them. */
  references?: ChorusReferences | null;
  staff?: boolean;
  children?: (transmission: InvoiceTransmission) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const transmission = useInvoiceTransmission(invoiceId);
  const data = transmission.data;
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <section className="card stack" aria-labelledby="transmission-heading">
      <h2 id="transmission-heading">{t('transmission.title')}</h2>
      {transmission.isPending ? <Loading /> : null}
      <ProblemAlert error={transmission.error} />
      {data ? (
        <>
          <dl className="facts">
            <dt>{t('transmission.channelLabel')}</dt>
            <dd>{t(`transmission.channel.${data.channel}`)}</dd>
            {references ? (
              <>
                <dt>{t('transmission.structure')}</dt>
                <dd>{references.structureSiret}</dd>
                {references.serviceCode ? (
                  <>
                    <dt>{t('transmission.serviceCode')}</dt>
                    <dd>{references.serviceCode}</dd>
                  </>
                ) : null}
                {references.engagementNumber ? (
                  <>
                    <dt>{t('transmission.engagementNumber')}</dt>
                    <dd>{references.engagementNumber}</dd>
                  </>
                ) : null}
              </>
            ) : null}
            <dt>{t('transmission.stateLabel')}</dt>
            <dd>
              <StatusBadge tone={STATE_TONES[data.state]}>
                {t(`transmission.state.${data.state}`)}
              </StatusBadge>
            </dd>
            {data.externalStatus ? (
              <>
                <dt>{t('transmission.externalStatus')}</dt>
                <dd>
                  <code>{data.externalStatus}</code>
                </dd>
              </>
            ) : null}
            {staff && data.lastError ? (
              <>
                <dt>{t('transmission.lastError')}</dt>
                <dd>{data.lastError}</dd>
              </>
            ) : null}
            {staff && data.nextAttemptAt ? (
              <>
                <dt>{t('transmission.nextAttempt')}</dt>
                <dd>{when(data.nextAttemptAt)}</dd>
              </>
            ) : null}
          </dl>
          <h3>{t('transmission.history')}</h3>
          {data.lifecycle.length === 0 ? (
            <p>{t('transmission.noHistory')}</p>
          ) : (
            <ol className="stack">
              {data.lifecycle.map((event) => (
                <li key={`${event.status}-${event.occurredAt}`}>
                  <StatusBadge tone={STATUS_TONES[event.status]}>
                    {t(`transmission.status.${event.status}`)}
                  </StatusBadge>{' '}
                  <time dateTime={event.occurredAt}>{when(event.occurredAt)}</time>
                  {event.reason ? (
                    <>
                      {' — '}
                      {t('transmission.reason')} {event.reason}
                    </>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
          {children?.(data)}
        </>
      ) : null}
    </section>
  );
}
