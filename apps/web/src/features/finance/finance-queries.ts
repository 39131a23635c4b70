import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, authorisedFetch, download, unwrap } from '../../api/client';
import { ApiProblem, isProblem, networkProblem } from '../../api/problem';
import type { components } from '../../api/schema';
import { csvExportPath, fecPath, type CsvExport } from './exports/exports';
import type { invoiceQuery } from './invoices/invoices';
import { importPollInterval } from './reconciliation/reconciliation';
import type { StatementImport, TransactionStatus } from './types';

/** Keys of the finance queries; every mutation invalidates `financeKeys.all`. */
export const financeKeys = {
  all: ['finance'] as const,
  allTransactions: ['finance', 'transactions'] as const,
  transactions: (status: TransactionStatus, language: string) =>
    ['finance', 'transactions', status, language] as const,
  statementImport: (id: string) => ['finance', 'import', id] as const,
  audit: (id: string) => ['finance', 'audit', id] as const,
  csvProfiles: ['finance', 'csv-profiles'] as const,
  receivables: ['finance', 'receivables'] as const,
  statementOfAccount: (organisationId: string) => ['finance', 'statement', organisationId] as const,
  invoices: (query: object) => ['finance', 'invoices', query] as const,
  invoice: (id: string) => ['finance', 'invoice', id] as const,
  organisations: ['finance', 'organisations'] as const,
  refunds: ['finance', 'refunds'] as const,
};

/**
 * Sends a statement as multipart (openapi-fetch serialises JSON bodies only); the api answers
 * 202 with the queued import.
 */
export async function uploadStatement(file: File, profile?: string): Promise<StatementImport> {
  const body = new FormData();
  body.append('file', file);
  if (profile) body.append('profile', profile);
  const response = await authorisedFetch(
    new Request('/api/finance/bank-statements', { method: 'POST', body }),
  );
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiProblem(isProblem(data) ? data : networkProblem(response.status));
  }
  return data as StatementImport;
}

/** Every finance page shows money that any change may move: refresh them all. */
function refreshFinance(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: financeKeys.all });
}

const PAGE_SIZE = 20;

export function useBankTransactions(status: TransactionStatus, language: 'fr' | 'en') {
  return useInfiniteQuery({
    queryKey: financeKeys.transactions(status, language),
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/finance/bank-transactions', {
          params: {
            query: { status: [status], lang: language, limit: PAGE_SIZE, cursor: pageParam },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Whether any bank line awaits a decision (the home page's hint). */
export function useSuggestedLinesWaiting() {
  return useQuery({
    queryKey: [...financeKeys.all, 'overview', 'suggested'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/finance/bank-transactions', {
          params: { query: { status: ['suggested'], limit: 1 } },
        }),
      ),
    select: (page) => page.items.length > 0,
  });
}

/** A statement's import, polled until the worker is done with it; then the bank lines reload. */
export function useStatementImport(initial: StatementImport) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: financeKeys.statementImport(initial.id),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/finance/bank-statements/{id}', {
          params: { path: { id: initial.id } },
        }),
      ),
    initialData: initial,
    refetchInterval: (current) => importPollInterval(current.state.data?.status),
  });
  const status = query.data.status;
  useEffect(() => {
    if (status === 'done') {
      void queryClient.invalidateQueries({ queryKey: financeKeys.allTransactions });
    }
  }, [status, queryClient]);
  return query;
}

export function useTransactionAudit(transactionId: string, enabled: boolean) {
  return useQuery({
    queryKey: financeKeys.audit(transactionId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/finance/bank-transactions/{id}/audit', {
          params: { path: { id: transactionId } },
        }),
      ),
    enabled,
  });
}

export function useCsvProfiles() {
  return useQuery({
    queryKey: financeKeys.csvProfiles,
    queryFn: async () => unwrap(await api.GET('/api/finance/csv-profiles')),
    staleTime: 5 * 60_000,
  });
}

export function useUploadStatement(onQueued: (statement: StatementImport) => void) {
  return useMutation({
    mutationFn: ({ file, profile }: { file: File; profile?: string }) =>
      uploadStatement(file, profile),
    onSuccess: onQueued,
  });
}

/** Allocates a bank line to an invoice (in full or `amountCents`) or to a refund instruction. */
export function useAllocate(transactionId: string, onAllocated: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['AllocateDto']) =>
      unwrap(
        await api.POST('/api/finance/bank-transactions/{id}/allocations', {
          params: { path: { id: transactionId } },
          body,
        }),
      ),
    onSuccess: async () => {
      onAllocated();
      await refreshFinance(queryClient);
    },
  });
}

export function useUndoAllocation(
  transactionId: string,
  allocationId: string,
  onUndone: () => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.DELETE('/api/finance/bank-transactions/{id}/allocations/{allocationId}', {
          params: { path: { id: transactionId, allocationId } },
        }),
      ),
    onSuccess: async () => {
      onUndone();
      await refreshFinance(queryClient);
    },
  });
}

export function useReceivables() {
  return useQuery({
    queryKey: financeKeys.receivables,
    queryFn: async () => unwrap(await api.GET('/api/finance/receivables')),
  });
}

export function useStatementOfAccount(organisationId: string) {
  return useQuery({
    queryKey: financeKeys.statementOfAccount(organisationId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/finance/receivables/{id}', {
          params: { path: { id: organisationId } },
        }),
      ),
  });
}

export function useFinanceInvoices(query: ReturnType<typeof invoiceQuery>) {
  return useInfiniteQuery({
    queryKey: financeKeys.invoices(query),
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/invoices', {
          params: { query: { ...query, limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** One invoice; `enabled: false` for an allocation that pays none. */
export function useFinanceInvoice(id: string, enabled = true) {
  return useQuery({
    queryKey: financeKeys.invoice(id),
    queryFn: async () => unwrap(await api.GET('/api/invoices/{id}', { params: { path: { id } } })),
    enabled,
  });
}

/** The organisations to filter invoices by. */
export function useFinanceOrganisations() {
  return useQuery({
    queryKey: financeKeys.organisations,
    queryFn: async () =>
      unwrap(await api.GET('/api/organisations', { params: { query: { limit: 100 } } })),
    staleTime: 5 * 60_000,
  });
}

export function useRequestCreditNote(invoiceId: string, onRequested: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { amountCents: number; reason: string }) =>
      unwrap(
        await api.POST('/api/invoices/{id}/credit-notes', {
          params: { path: { id: invoiceId } },
          body,
        }),
      ),
    onSuccess: async () => {
      onRequested();
      await refreshFinance(queryClient);
    },
  });
}

export function useRefundInstructions() {
  return useQuery({
    queryKey: financeKeys.refunds,
    queryFn: async () => unwrap(await api.GET('/api/finance/refund-instructions')),
  });
}

export function useMarkRefundDone(refundId: string, onMarked: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/finance/refund-instructions/{id}/done', {
          params: { path: { id: refundId } },
        }),
      ),
    onSuccess: async () => {
      onMarked();
      await refreshFinance(queryClient);
    },
  });
}

/** Downloads an invoice's PDF, saved as `<number>.pdf`. */
export function useInvoicePdf(invoiceId: string, number: string) {
  return useMutation({
    mutationFn: () => download(`/api/invoices/${invoiceId}/pdf`, `${number}.pdf`),
  });
}

/** Downloads the FEC of a fiscal year. */
export function useFecDownload(onDownloaded: () => void) {
  return useMutation({
    mutationFn: (year: number) => download(fecPath(year), `FEC-${year}.txt`),
    onSuccess: onDownloaded,
  });
}

/** Downloads the invoices or the payments of a period as CSV. */
export function useCsvExport(onDownloaded: () => void) {
  return useMutation({
    mutationFn: ({ kind, from, to }: { kind: CsvExport; from: string; to: string }) =>
      download(csvExportPath(kind, from, to), `${kind}.csv`),
    onSuccess: onDownloaded,
  });
}
