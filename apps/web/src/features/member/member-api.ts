import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Offering = components['schemas']['OfferingDetailDto'];
export type Session = components['schemas']['SessionDto'];
export type Slot = components['schemas']['SlotDto'];
export type Booking = components['schemas']['BookingDto'];
export type BookingStatus = Booking['status'];
export type Invoice = components['schemas']['InvoiceDto'];
export type InvoiceStatus = Invoice['status'];
export type Cancellation = components['schemas']['CancellationDto'];

export const BOOKING_STATUSES: BookingStatus[] = [
  'pending_payment',
  'confirmed',
  'waitlisted',
  'offered',
  'cancelled',
  'expired',
  'attended',
  'no_show',
];

export const bookingKeys = {
  all: ['bookings'] as const,
  one: (id: string) => ['bookings', id] as const,
};
export const invoiceKeys = {
  all: ['invoices'] as const,
  one: (id: string) => ['invoices', id] as const,
};

/** An offering with its sessions and slots, priced for one of the caller's organisations. */
export function useOffering(id: string | undefined, organisationId?: string) {
  return useQuery({
    queryKey: ['offerings', id, { organisationId }],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/offerings/{id}', {
          params: { path: { id: id! }, query: organisationId ? { organisationId } : {} },
        }),
      ),
    enabled: Boolean(id),
    // Switching organisation re-prices the page: keep showing it meanwhile.
    placeholderData: keepPreviousData,
  });
}

export function useBooking(id: string) {
  return useQuery({
    queryKey: bookingKeys.one(id),
    queryFn: async () => unwrap(await api.GET('/api/bookings/{id}', { params: { path: { id } } })),
  });
}

export function useInvoice(id: string, options: { waitForIssue?: boolean } = {}) {
  return useQuery({
    queryKey: invoiceKeys.one(id),
    queryFn: async () => unwrap(await api.GET('/api/invoices/{id}', { params: { path: { id } } })),
    // A bank-transfer invoice is a draft (hidden from members: 404) until the worker issues it,
    // usually within a second or two.
    ...(options.waitForIssue ? { retry: 30, retryDelay: 1_000 } : {}),
  });
}

export interface BankDetails {
  name: string;
  iban: string;
  bic: string;
}

/**
 * The Chambre's bank details as printed on the invoice (the seller snapshot); an incomplete
 * snapshot shows none rather than half of them.
 */
export function bankDetailsOf(invoice: { seller: Partial<BankDetails> }): BankDetails | null {
  const { name, iban, bic } = invoice.seller;
  if (typeof name !== 'string' || typeof iban !== 'string' || typeof bic !== 'string') return null;
  return { name, iban, bic };
}

/** An IBAN in groups of four, as banks print it. */
export function formatIban(iban: string): string {
  return iban
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(.{4})/g, '$1 ')
    .trim();
}
