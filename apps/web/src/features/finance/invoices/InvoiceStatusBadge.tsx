import { useTranslation } from 'react-i18next';
import type { Invoice } from '../types';
import { StatusBadge, type BadgeTone } from '../../../components/StatusBadge';

export const INVOICE_TONES: Record<Invoice['status'], BadgeTone> = {
  draft: 'neutral',
  issued: 'warn',
  partially_paid: 'warn',
  paid: 'ok',
  cancelled: 'neutral',
};

export function InvoiceStatusBadge({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation('finance');
  return (
    <>
      <StatusBadge tone={INVOICE_TONES[invoice.status]}>
        {t(`invoiceStatus.${invoice.status}`)}
      </StatusBadge>
      {invoice.overdue ? (
        <>
          {' '}
          <StatusBadge tone="danger">{t('invoices.overdue')}</StatusBadge>
        </>
      ) : null}
    </>
  );
}

/** The buyer's name as printed on the invoice (snapshotted when it was issued). */
export function buyerName(invoice: Invoice): string {
  return invoice.buyer.name;
}
