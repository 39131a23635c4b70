import { useTranslation } from 'react-i18next';
import type { Invoice } from '../finance-api';

const TONE: Record<Invoice['status'], string> = {
  draft: 'badge',
  issued: 'badge badge-warn',
  partially_paid: 'badge badge-warn',
  paid: 'badge badge-ok',
  cancelled: 'badge',
};

export function InvoiceStatusBadge({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation('finance');
  return (
    <>
      <span className={TONE[invoice.status]}>{t(`invoiceStatus.${invoice.status}`)}</span>
      {invoice.overdue ? (
        <>
          {' '}
          <span className="badge badge-danger">{t('invoices.overdue')}</span>
        </>
      ) : null}
    </>
  );
}

/** The buyer's name as printed on the invoice (snapshotted when it was issued). */
export function buyerName(invoice: Invoice): string {
  return invoice.buyer.name;
}
