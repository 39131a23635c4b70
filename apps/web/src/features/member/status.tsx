import { useTranslation } from 'react-i18next';
import type { BookingStatus, Invoice } from './types';
import { StatusBadge, type BadgeTone } from '../../components/StatusBadge';

export const BOOKING_TONES: Record<BookingStatus, BadgeTone> = {
  pending_payment: 'warn',
  confirmed: 'ok',
  waitlisted: 'neutral',
  offered: 'warn',
  cancelled: 'danger',
  expired: 'danger',
  attended: 'ok',
  no_show: 'neutral',
};

export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  const { t } = useTranslation('member');
  return <StatusBadge tone={BOOKING_TONES[status]}>{t(`bookingStatus.${status}`)}</StatusBadge>;
}

/** An invoice's state as a member reads it: overdue beats "issued". */
export function invoiceBadge(invoice: Pick<Invoice, 'status' | 'overdue' | 'type'>): {
  key: string;
  tone: BadgeTone;
} {
  if (invoice.overdue) return { key: 'invoiceStatus.overdue', tone: 'danger' };
  switch (invoice.status) {
    case 'paid':
      return { key: 'invoiceStatus.paid', tone: 'ok' };
    case 'partially_paid':
      return { key: 'invoiceStatus.partially_paid', tone: 'warn' };
    case 'cancelled':
      return { key: 'invoiceStatus.cancelled', tone: 'neutral' };
    case 'draft':
      return { key: 'invoiceStatus.draft', tone: 'neutral' };
    default:
      // A credit note is owed by the Chambre: nothing for the member to pay.
      return invoice.type === 'credit_note'
        ? { key: 'invoiceStatus.creditNoteIssued', tone: 'neutral' }
        : { key: 'invoiceStatus.issued', tone: 'warn' };
  }
}

export function InvoiceStatusBadge({
  invoice,
}: {
  invoice: Pick<Invoice, 'status' | 'overdue' | 'type'>;
}) {
  const { t } = useTranslation('member');
  const badge = invoiceBadge(invoice);
  return <StatusBadge tone={badge.tone}>{t(badge.key)}</StatusBadge>;
}
