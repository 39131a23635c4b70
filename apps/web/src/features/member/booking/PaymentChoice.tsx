import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../../api/problem';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../lib/format';
import { useCheckout } from '../member-queries';
import type { Booking } from '../types';
import { BankTransferDetails } from './BankTransferDetails';

type Method = 'card' | 'bank_transfer';

/**
 * A booking awaiting payment: by card (or SEPA debit) on Stripe Checkout, or by bank transfer
 * against the invoice (members whose adhésion is active, public bodies).
 */
export function PaymentChoice({
  booking,
  onStarted,
}: {
  booking: Booking;
  /** Called when a payment is asked for (the booking's status is about to change). */
  onStarted?: () => void;
}) {
  const { t, i18n } = useTranslation('member');
  const [method, setMethod] = useState<Method>('card');

  const checkout = useCheckout(booking.id);

  if (checkout.isSuccess && checkout.data.invoiceId && checkout.data.paymentReference) {
    return (
      <BankTransferDetails
        invoiceId={checkout.data.invoiceId}
        paymentReference={checkout.data.paymentReference}
        amountCents={booking.totalInclVatCents}
      />
    );
  }

  const fieldError =
    checkout.error instanceof ApiProblem ? checkout.error.fieldErrors().method : undefined;
  const problem = checkout.error instanceof ApiProblem ? checkout.error.problem : null;

  return (
    <section aria-labelledby="payment-heading" className="card stack">
      <h2 id="payment-heading">{t('pay.heading')}</h2>
      {booking.holdExpiresAt ? (
        <p>{t('pay.holdUntil', { date: formatDateTime(booking.holdExpiresAt, i18n.language) })}</p>
      ) : null}
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          if (checkout.isPending) return;
          onStarted?.();
          checkout.mutate(method);
        }}
      >
        <fieldset>
          <legend>{t('pay.method')}</legend>
          {(['card', 'bank_transfer'] as const).map((each) => (
            <div className="choice" key={each}>
              <input
                type="radio"
                id={`method-${each}`}
                name="method"
                value={each}
                checked={method === each}
                onChange={() => setMethod(each)}
                aria-describedby={`method-${each}-hint`}
              />
              <label htmlFor={`method-${each}`}>{t(`pay.methods.${each}`)}</label>
              <p className="hint" id={`method-${each}-hint`}>
                {t(`pay.hints.${each}`)}
              </p>
            </div>
          ))}
          {problem ? (
            <p className="field-error" role="alert">
              {fieldError || problem.code === 'bank_transfer_not_allowed'
                ? t('pay.bankTransferNotAllowed')
                : null}
            </p>
          ) : null}
        </fieldset>
        {problem && !fieldError && problem.code !== 'bank_transfer_not_allowed' ? (
          <ProblemAlert error={checkout.error} />
        ) : null}
        <button type="submit" className="button" disabled={checkout.isPending}>
          {checkout.isPending
            ? t('pay.working')
            : method === 'card'
              ? t('pay.submitCard')
              : t('pay.submitTransfer')}
        </button>
        {checkout.isPending ? (
          <p className="visually-hidden" role="status">
            {t('pay.working')}
          </p>
        ) : null}
      </form>
    </section>
  );
}
