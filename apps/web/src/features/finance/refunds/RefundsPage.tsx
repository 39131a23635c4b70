import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate } from '../../../lib/format';
import { useMarkRefundDone, useRefundInstructions } from '../finance-queries';
import type { RefundInstruction } from '../types';
import { StatusBadge } from '../../../components/StatusBadge';

/** Transfers to pay back to members (bookings paid by transfer, then cancelled). */
export function RefundsPage() {
  const { t } = useTranslation('finance');
  const [notice, setNotice] = useState('');
  const refunds = useRefundInstructions();
  const toDo = (refunds.data ?? []).filter((refund) => refund.status === 'instructed');
  const done = (refunds.data ?? []).filter((refund) => refund.status === 'done');
  return (
    <section className="stack">
      <p>
        <Link to="/finance">{t('back')}</Link>
      </p>
      <PageTitle>{t('refunds.title')}</PageTitle>
      <p role="status" className={notice ? 'alert alert-success' : undefined}>
        {notice}
      </p>
      {refunds.isPending ? <Loading /> : null}
      <ProblemAlert error={refunds.error} />
      {refunds.isSuccess ? (
        <>
          <h2>{t('refunds.toDo')}</h2>
          {toDo.length === 0 ? (
            <p className="muted">{t('refunds.empty')}</p>
          ) : (
            <ul className="stack finance-plain">
              {toDo.map((refund) => (
                <RefundItem key={refund.id} refund={refund} onDone={setNotice} />
              ))}
            </ul>
          )}
          {done.length > 0 ? (
            <>
              <h2>{t('refunds.done')}</h2>
              <ul className="stack finance-plain">
                {done.map((refund) => (
                  <RefundItem key={refund.id} refund={refund} onDone={setNotice} />
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function RefundItem({
  refund,
  onDone,
}: {
  refund: RefundInstruction;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation('finance');
  const markDone = useMarkRefundDone(refund.id, () => onDone(t('refunds.marked')));
  return (
    <li className="card stack">
      <div className="spread">
        <p>
          <strong>
            <Money cents={refund.amountCents} />
          </strong>{' '}
          · {refund.reason}
        </p>
        {refund.status === 'instructed' ? (
          <button
            type="button"
            className="button button-small"
            disabled={markDone.isPending}
            onClick={() => markDone.mutate()}
          >
            {t('refunds.markDone')}
          </button>
        ) : (
          <StatusBadge tone="ok">{t('refunds.doneBadge')}</StatusBadge>
        )}
      </div>
      <p className="muted">
        {t('refunds.since', { date: formatDate(refund.createdAt, i18n.language) })}
        {refund.completedAt
          ? ` · ${t('refunds.completed', { date: formatDate(refund.completedAt, i18n.language) })}`
          : null}
      </p>
      <ProblemAlert error={markDone.error} />
    </li>
  );
}
