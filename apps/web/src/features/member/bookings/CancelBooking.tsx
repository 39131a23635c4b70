import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { Money } from '../../../components/Money';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useCancelBooking } from '../member-queries';
import type { Booking, Cancellation, Offering } from '../types';
import { refundPreview } from './refund-preview';

interface CancelBookingProps {
  booking: Booking;
  policy: Offering['cancellationPolicy'] | null;
  onCancelled: (cancellation: Cancellation) => void;
}

/**
 * Cancelling: first the refund the policy gives today, then a confirmation; the page then shows
 * the refund the api decided (the one that counts).
 */
export function CancelBooking({ booking, policy, onCancelled }: CancelBookingProps) {
  const { t } = useTranslation('member');
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const opener = useRef<HTMLButtonElement>(null);

  const cancel = useCancelBooking(booking.id, onCancelled);

  if (!asking) {
    return (
      <button
        ref={opener}
        type="button"
        className="button button-danger"
        onClick={() => setAsking(true)}
      >
        {t('cancel.open')}
      </button>
    );
  }

  const preview = policy ? refundPreview(booking, policy.tiers, new Date()) : null;
  return (
    <section aria-labelledby="cancel-heading" className="card stack">
      <h2 id="cancel-heading">{t('cancel.heading')}</h2>
      <div role="status">
        {preview === null ? (
          <p>{t('cancel.preview.unknown')}</p>
        ) : preview.basis === 'nothing_paid' ? (
          <p>{t('cancel.preview.nothingPaid')}</p>
        ) : (
          <>
            <p>
              {t('cancel.preview.amount', { percent: preview.percent, count: preview.daysBefore })}{' '}
              <strong>
                <Money cents={preview.amountCents} />
              </strong>
            </p>
            {policy ? (
              <p className="muted">
                {policy.tiers.length > 0
                  ? t('cancel.preview.policy', {
                      tiers: policy.tiers
                        .map((tier) =>
                          t('cancel.preview.tier', {
                            percent: tier.refundPercent,
                            count: tier.daysBefore,
                          }),
                        )
                        .join(' ; '),
                    })
                  : t('cancel.preview.noRefundPolicy')}
              </p>
            ) : null}
          </>
        )}
      </div>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          if (!cancel.isPending) cancel.mutate(reason.trim());
        }}
      >
        <Field label={t('cancel.reason')} hint={t('cancel.reasonHint')}>
          {(control) => (
            <input
              {...control}
              maxLength={1000}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </Field>
        <ProblemAlert error={cancel.error} />
        <div className="row">
          <button type="submit" className="button button-danger" disabled={cancel.isPending}>
            {cancel.isPending ? t('cancel.working') : t('cancel.confirm')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setAsking(false);
              cancel.reset();
              // The form goes away: put focus back on the button that opened it.
              requestAnimationFrame(() => opener.current?.focus());
            }}
          >
            {t('cancel.keep')}
          </button>
        </div>
      </form>
    </section>
  );
}
