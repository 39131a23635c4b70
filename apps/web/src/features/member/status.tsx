import { useTranslation } from 'react-i18next';
import type { BookingStatus, Invoice } from './member-api';

const BOOKING_BADGES: Record<BookingStatus, string> = {
  pending_payment: 'badge badge-warn',
  confirmed: 'badge badge-ok',
  waitlisted: 'badge',
  offered: 'badge badge-warn',
  cancelled: 'badge badge-danger',
  expired: 'badge badge-danger',
  attended: 'badge badge-ok',
  no_show: 'badge',
};

export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  const { t } = useTranslation('member');
  return <span className={BOOKING_BADGES[status]}>{t(`bookingStatus.${status}`)}</span>;
}

/** An invoice's state as a member reads it: overdue beats "issued". */
export function invoiceBadge(invoice: Pick<Invoice, 'status' | 'overdue' | 'type'>): {
  key: string;
  className: string;
} {
  if (invoice.overdue) return { key: 'invoiceStatus.overdue', className: 'badge badge-danger' };
  switch (invoice.status) {
    case 'paid':
      return { key: 'invoiceStatus.paid', className: 'badge badge-ok' };
    case 'partially_paid':
      return { key: 'invoiceStatus.partially_paid', className: 'badge badge-warn' };
    case 'cancelled':
      return { key: 'invoiceStatus.cancelled', className: 'badge' };
    case 'draft':
      return { key: 'invoiceStatus.draft', className: 'badge' };
    default:
      // A credit note is owed by the Chambre: nothing for the member to pay.
      return invoice.type === 'credit_note'
        ? { key: 'invoiceStatus.creditNoteIssued', className: 'badge' }
        : { key: 'invoiceStatus.issued', className: 'badge badge-warn' };
  }
}

export function InvoiceStatusBadge({
  invoice,
}: {
  invoice: Pick<Invoice, 'status' | 'overdue' | 'type'>;
}) {
  const { t } = useTranslation('member');
  const badge = invoiceBadge(invoice);
  return <span className={badge.className}>{t(badge.key)}</span>;
}
