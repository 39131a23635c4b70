import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { TransmissionChannel, TransmissionState } from './transmission';

const PAGE_SIZE = 20;

/** How an invoice reached its buyer and its statuses (the api hides our side's errors from members). */
export function useInvoiceTransmission(invoiceId: string, enabled = true) {
  return useQuery({
    queryKey: ['transmission', invoiceId] as const,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/invoices/{id}/transmission', { params: { path: { id: invoiceId } } }),
      ),
    enabled,
  });
}

/** Finance's list of transmissions, newest first. */
export function useInvoiceTransmissions(filters: {
  channel: TransmissionChannel | '';
  state: TransmissionState | '';
}) {
  return useInfiniteQuery({
    queryKey: ['finance', 'transmissions', filters] as const,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/finance/invoice-transmissions', {
          params: {
            query: {
              channel: filters.channel ? [filters.channel] : undefined,
              state: filters.state ? [filters.state] : undefined,
              limit: PAGE_SIZE,
              cursor: pageParam,
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
