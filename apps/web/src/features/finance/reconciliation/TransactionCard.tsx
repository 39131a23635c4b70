import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { Money } from '../../../components/Money';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate } from '../../../lib/format';
import { mergeFieldErrors } from '../field-errors';
import { useAllocate, useFinanceInvoice, useUndoAllocation } from '../finance-queries';
import type { Allocation, BankTransaction, MatchSuggestion } from '../types';
import { AuditTrail } from './AuditTrail';
import { allocationAmount, scorePercent, scoreTone } from './reconciliation';
import { StatusBadge, type BadgeTone } from '../../../components/StatusBadge';

const TRANSACTION_TONES: Record<BankTransaction['status'], BadgeTone> = {
  unmatched: 'danger',
  suggested: 'warn',
  matched: 'ok',
};

/** One bank line: what the bank says, the candidate invoices, what it already pays. */
export function TransactionCard({
  transaction,
  onNotice,
}: {
  transaction: BankTransaction;
  onNotice: (message: string) => void;
}) {
  const { t, i18n } = useTranslation('finance');
  const headingId = `transaction-${transaction.id}`;
  const left = transaction.amountCents - transaction.allocatedCents;
  return (
    <article className="card stack" aria-labelledby={headingId}>
      <div className="spread">
        <h3 id={headingId}>
          {formatDate(transaction.bookingDate, i18n.language)} ·{' '}
          <Money cents={transaction.amountCents} />{' '}
          <span className="muted">{t(`direction.${transaction.direction}`)}</span>
        </h3>
        <StatusBadge tone={TRANSACTION_TONES[transaction.status]}>
          {t(`transactionStatus.${transaction.status}`)}
        </StatusBadge>
      </div>
      <dl className="facts finance-facts">
        <dt>{t('transaction.payer')}</dt>
        <dd>{transaction.payerName ?? t('transaction.none')}</dd>
        <dt>{t('transaction.remittance')}</dt>
        <dd>{transaction.remittanceInfo ?? t('transaction.none')}</dd>
        {transaction.reference ? (
          <>
            <dt>{t('transaction.reference')}</dt>
            <dd>{transaction.reference}</dd>
          </>
        ) : null}
        {transaction.allocatedCents > 0 && left > 0 ? (
          <>
            <dt>{t('transaction.left')}</dt>
            <dd>
              <Money cents={left} />
            </dd>
          </>
        ) : null}
      </dl>
      {transaction.allocations.length > 0 ? (
        <section aria-label={t('transaction.allocations')} className="stack">
          <h4>{t('transaction.allocations')}</h4>
          <ul className="stack finance-plain">
            {transaction.allocations.map((allocation) => (
              <AllocationItem
                key={allocation.id}
                transactionId={transaction.id}
                allocation={allocation}
                onNotice={onNotice}
              />
            ))}
          </ul>
        </section>
      ) : null}
      {transaction.suggestions.length > 0 && left > 0 ? (
        <section aria-label={t('transaction.suggestions')} className="stack">
          <h4>{t('transaction.suggestions')}</h4>
          <ul className="stack finance-plain">
            {transaction.suggestions.map((suggestion) => (
              <SuggestionItem
                key={suggestion.invoiceId ?? suggestion.refundId}
                transactionId={transaction.id}
                suggestion={suggestion}
                onNotice={onNotice}
              />
            ))}
          </ul>
        </section>
      ) : null}
      <AuditTrail transactionId={transaction.id} />
    </article>
  );
}

/** A candidate invoice (or refund) with its score and reasons; allocates in one click. */
function SuggestionItem({
  transactionId,
  suggestion,
  onNotice,
}: {
  transactionId: string;
  suggestion: MatchSuggestion;
  onNotice: (message: string) => void;
}) {
  const { t } = useTranslation('finance');
  const { t: tCommon } = useTranslation();
  const [amount, setAmount] = useState('');
  const [amountError, setAmountError] = useState<string | undefined>();
  const label = suggestion.invoiceNumber ?? t('transaction.refund');
  const allocate = useAllocate(transactionId, () =>
    onNotice(t('transaction.allocated', { invoice: label })),
  );
  const fields = mergeFieldErrors({ amountCents: amountError }, allocate.error, t, tCommon);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = allocationAmount(amount);
    if ('error' in parsed) {
      setAmountError(`transaction.errors.${parsed.error}`);
      return;
    }
    setAmountError(undefined);
    allocate.mutate(
      suggestion.invoiceId
        ? { invoiceId: suggestion.invoiceId, amountCents: parsed.amountCents }
        : { refundId: suggestion.refundId ?? undefined },
    );
  }

  const percent = scorePercent(suggestion.score);
  return (
    <li className="stack">
      <div className="spread">
        <p>
          <strong>{label}</strong>
          {suggestion.organisationName ? ` · ${suggestion.organisationName}` : null}
          {suggestion.amountDueCents !== null ? (
            <>
              {' · '}
              {t('transaction.amountDue')} <Money cents={suggestion.amountDueCents} />
            </>
          ) : null}
        </p>
        <StatusBadge tone={scoreTone(suggestion.score)}>
          {t('transaction.score', { percent })}
        </StatusBadge>
      </div>
      <ul aria-label={t('transaction.reasons', { invoice: label })}>
        {suggestion.reasons.map((reason) => (
          <li key={reason.code}>{reason.text}</li>
        ))}
      </ul>
      <ProblemAlert error={allocate.error} />
      <form onSubmit={submit} noValidate className="row">
        {suggestion.invoiceId ? (
          <Field
            label={t('transaction.partialAmount', { invoice: label })}
            hint={t('transaction.partialHint')}
            errorText={fields.amountCents}
          >
            {(control) => (
              <input
                {...control}
                inputMode="decimal"
                autoComplete="off"
                value={amount}
                onChange={(event) => setAmount(event.target.value)}
              />
            )}
          </Field>
        ) : null}
        <div>
          <button type="submit" className="button" disabled={allocate.isPending}>
            {t('transaction.allocate', { invoice: label })}
          </button>
        </div>
      </form>
    </li>
  );
}

/** Money of the line paying an invoice, with what the invoice still owes; undone in one click. */
function AllocationItem({
  transactionId,
  allocation,
  onNotice,
}: {
  transactionId: string;
  allocation: Allocation;
  onNotice: (message: string) => void;
}) {
  const { t } = useTranslation('finance');
  const label = allocation.invoiceNumber ?? t(`allocationKind.${allocation.kind}`);
  const invoice = useFinanceInvoice(allocation.invoiceId ?? '', allocation.invoiceId !== null);
  const undo = useUndoAllocation(transactionId, allocation.id, () =>
    onNotice(t('transaction.undone', { invoice: label })),
  );
  return (
    <li className="stack">
      <div className="spread">
        <p>
          <strong>{label}</strong> · <Money cents={allocation.amountCents} />{' '}
          <span className="muted">
            {allocation.automatic ? t('transaction.automatic') : t('transaction.manual')}
          </span>
          {invoice.data ? (
            <>
              {' · '}
              {t('transaction.invoiceDue')} <Money cents={invoice.data.amountDueCents} />
            </>
          ) : null}
        </p>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={undo.isPending}
          onClick={() => undo.mutate()}
        >
          {t('transaction.undo', { invoice: label })}
        </button>
      </div>
      <ProblemAlert error={undo.error ?? invoice.error} />
    </li>
  );
}
