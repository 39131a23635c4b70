import { parseEuros } from '../../../lib/format';
import type { InvoiceStatus } from '../types';

export const INVOICE_STATUSES: InvoiceStatus[] = [
  'issued',
  'partially_paid',
  'paid',
  'cancelled',
  'draft',
];

export interface InvoiceFilters {
  status: InvoiceStatus | '';
  overdue: boolean;
  organisationId: string;
  from: string;
  to: string;
}

export const NO_FILTERS: InvoiceFilters = {
  status: '',
  overdue: false,
  organisationId: '',
  from: '',
  to: '',
};

/** The filters as GET /api/invoices query parameters, leaving out those not set. */
export function invoiceQuery(filters: InvoiceFilters) {
  return {
    ...(filters.status ? { status: [filters.status] } : {}),
    ...(filters.overdue ? { overdue: true } : {}),
    ...(filters.organisationId ? { organisationId: filters.organisationId } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  };
}

/** The filters kept in the address (so a filtered list can be bookmarked or shared). */
export function filtersFromSearch(search: URLSearchParams): InvoiceFilters {
  const status = search.get('status') ?? '';
  return {
    status: (INVOICE_STATUSES as string[]).includes(status) ? (status as InvoiceStatus) : '',
    overdue: search.get('overdue') === 'true',
    organisationId: search.get('organisationId') ?? '',
    from: search.get('from') ?? '',
    to: search.get('to') ?? '',
  };
}

export function filtersToSearch(filters: InvoiceFilters): Record<string, string> {
  return Object.fromEntries(
    Object.entries({ ...filters, overdue: filters.overdue ? 'true' : '' }).filter(
      ([, value]) => value !== '',
    ),
  );
}

export type CreditNoteErrors = Partial<Record<'amountCents' | 'reason', string>>;

/**
 * The credit note form checked before sending: an amount in euros no larger than what the
 * invoice still carries, and a reason (printed on the credit note). Errors are message keys.
 */
export function creditNoteRequest(
  amountText: string,
  reason: string,
  creditableCents: number,
): { body: { amountCents: number; reason: string } } | { errors: CreditNoteErrors } {
  const errors: CreditNoteErrors = {};
  const cents = parseEuros(amountText);
  if (amountText.trim() === '') errors.amountCents = 'creditNote.errors.amountRequired';
  else if (cents === null || cents <= 0) errors.amountCents = 'creditNote.errors.amountInvalid';
  else if (cents > creditableCents) errors.amountCents = 'creditNote.errors.amountTooLarge';
  if (reason.trim() === '') errors.reason = 'creditNote.errors.reasonRequired';
  if (Object.keys(errors).length > 0 || cents === null) return { errors };
  return { body: { amountCents: cents, reason: reason.trim() } };
}
