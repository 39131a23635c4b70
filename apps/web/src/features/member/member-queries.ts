import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import type { Booking, BookingStatus, Cancellation } from './types';

export const bookingKeys = {
  all: ['bookings'] as const,
  one: (id: string) => ['bookings', id] as const,
  list: (status: BookingStatus | null) => ['bookings', 'list', { status }] as const,
};
export const invoiceKeys = {
  all: ['invoices'] as const,
  one: (id: string) => ['invoices', id] as const,
  list: (overdue: boolean) => ['invoices', 'list', { overdue }] as const,
};
/** Offerings as members see them; the public catalogue's keys start the same, so a booking refreshes seats there too. */
export const offeringKeys = {
  all: ['offerings'] as const,
  priced: (id: string | undefined, organisationId: string | undefined) =>
    ['offerings', id, { organisationId }] as const,
  title: (id: string) => ['offerings', id, 'title'] as const,
};

const PAGE_SIZE = 20;

/**
 * The organisation a member books for, for its Chorus Pro structure (the references a public
 * body's booking carries). Keyed as the organisation pages key it, so both share the answer.
 */
export function useBookingOrganisation(id: string | undefined) {
  return useQuery({
    queryKey: ['organisation', id] as const,
    queryFn: async () =>
      unwrap(await api.GET('/api/organisations/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

/** An offering with its sessions and slots, priced for one of the caller's organisations. */
export function useOffering(id: string | undefined, organisationId?: string) {
  return useQuery({
    queryKey: offeringKeys.priced(id, organisationId),
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

/** The bookings of the member's organisations, newest first, by status. */
export function useBookings(status: BookingStatus | null) {
  return useInfiniteQuery({
    queryKey: bookingKeys.list(status),
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/bookings', {
          params: {
            query: {
              limit: PAGE_SIZE,
              ...(pageParam ? { cursor: pageParam } : {}),
              ...(status ? { status: [status] } : {}),
            },
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** The invoices and credit notes of the member's organisations, or only the overdue ones. */
export function useInvoices(overdue: boolean) {
  return useInfiniteQuery({
    queryKey: invoiceKeys.list(overdue),
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/invoices', {
          params: {
            query: {
              limit: PAGE_SIZE,
              ...(pageParam ? { cursor: pageParam } : {}),
              ...(overdue ? { overdue: true } : {}),
            },
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useOfferingTitle(offeringId: string) {
  return useQuery({
    queryKey: offeringKeys.title(offeringId),
    queryFn: async () =>
      unwrap(await api.GET('/api/offerings/{id}', { params: { path: { id: offeringId } } })),
    staleTime: 5 * 60_000,
    select: (data) => data.title,
  });
}

/** Books with an idempotency key, so that a retried click never books twice. */
export function useBook(onBooked: (booking: Booking) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      body,
      key,
    }: {
      body: components['schemas']['CreateBookingDto'];
      key: string;
    }) =>
      unwrap(
        await api.POST('/api/bookings', { body, params: { header: { 'Idempotency-Key': key } } }),
      ),
    onSuccess: async (booking) => {
      await queryClient.invalidateQueries({ queryKey: bookingKeys.all });
      await queryClient.invalidateQueries({ queryKey: offeringKeys.all });
      onBooked(booking);
    },
  });
}

/** Pays by card (the caller is sent to Stripe Checkout) or asks for a bank transfer. */
export function useCheckout(bookingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (method: 'card' | 'bank_transfer') =>
      unwrap(
        await api.POST('/api/bookings/{id}/checkout', {
          params: { path: { id: bookingId } },
          body: { method },
        }),
      ),
    onSuccess: async (result, method) => {
      if (method === 'card' && result.checkoutUrl) {
        window.location.assign(result.checkoutUrl);
        return;
      }
      await queryClient.invalidateQueries({ queryKey: bookingKeys.all });
      await queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
    },
  });
}

export function useAcceptOffer(bookingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/bookings/{id}/accept-offer', { params: { path: { id: bookingId } } }),
      ),
    onSuccess: async (accepted) => {
      queryClient.setQueryData(bookingKeys.one(bookingId), accepted);
      await queryClient.invalidateQueries({ queryKey: bookingKeys.all });
    },
  });
}

export function useCancelBooking(bookingId: string, onCancelled: (result: Cancellation) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (reason: string) =>
      unwrap(
        await api.POST('/api/bookings/{id}/cancel', {
          params: { path: { id: bookingId } },
          body: reason ? { reason } : {},
        }),
      ),
    onSuccess: async (result) => {
      onCancelled(result);
      queryClient.setQueryData(bookingKeys.one(bookingId), result.booking);
      await queryClient.invalidateQueries({ queryKey: bookingKeys.all });
      await queryClient.invalidateQueries({ queryKey: offeringKeys.all });
    },
  });
}
