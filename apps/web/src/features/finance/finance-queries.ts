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
import type { entryQuery } from './accounting/accounting';
import {
  csvExportPath,
  fecDescriptionPath,
  fecPath,
  type CsvExport,
  type FecEncoding,
  type FecExport,
} from './exports/exports';
import type { invoiceQuery } from './invoices/invoices';
import { importPollInterval } from './reconciliation/reconciliation';
import type {
  ChartAccountChange,
  PeriodClosing,
  PeriodValidation,
  StatementImport,
  TransactionStatus,
} from './types';

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
  accountingPeriods: (year: number) => ['finance', 'accounting', 'periods', year] as const,
  journals: (period: string) => ['finance', 'accounting', 'journals', period] as const,
  entries: (query: object) => ['finance', 'accounting', 'entries', query] as const,
  chart: ['finance', 'accounting', 'chart'] as const,
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

/**
 * Downloads the validated entries of a fiscal year (or some of its months) in the FEC layout:
 * the import file of the Chambre's accounting software, saved under the api's name
 * (`<SIREN>FEC<AAAAMMJJ>.txt`).
 */
export function useFecDownload(onDownloaded: () => void) {
  return useMutation({
    mutationFn: (fec: FecExport) => download(fecPath(fec), `FEC-${fec.year}.txt`),
    onSuccess: onDownloaded,
  });
}

/** Downloads the description file that goes with the FEC-layout file. */
export function useFecDescriptionDownload(onDownloaded: () => void) {
  return useMutation({
    mutationFn: ({ year, encoding }: { year: number; encoding: FecEncoding }) =>
      download(fecDescriptionPath(year, encoding), `FEC-${year}_descriptif.txt`),
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

/** The months of a fiscal year: open or closed, their entries and those awaiting validation. */
export function useAccountingPeriods(year: number) {
  return useQuery({
    queryKey: financeKeys.accountingPeriods(year),
    queryFn: async () =>
      unwrap(await api.GET('/api/finance/accounting/periods', { params: { query: { year } } })),
  });
}

/** A 409 says the books moved meanwhile (a month closed by someone else): show them as they are. */
async function refreshOnConflict(queryClient: QueryClient, error: unknown) {
  if (error instanceof ApiProblem && error.problem.status === 409) {
    await queryClient.invalidateQueries({ queryKey: ['finance', 'accounting'] });
  }
}

/** Numbers the entries dated up to the month's end; every finance page then reloads. */
export function useValidatePeriod(onValidated: (validation: PeriodValidation) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (period: string) =>
      unwrap(
        await api.POST('/api/finance/accounting/periods/{period}/validate', {
          params: { path: { period } },
        }),
      ),
    onSuccess: async (validation) => {
      onValidated(validation);
      await refreshFinance(queryClient);
    },
    onError: (error) => refreshOnConflict(queryClient, error),
  });
}

/** Closes a month (validating what remains of it); every finance page then reloads. */
export function useClosePeriod(onClosed: (closing: PeriodClosing) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (period: string) =>
      unwrap(
        await api.POST('/api/finance/accounting/periods/{period}/close', {
          params: { path: { period } },
        }),
      ),
    onSuccess: async (closing) => {
      onClosed(closing);
      await refreshFinance(queryClient);
    },
    onError: (error) => refreshOnConflict(queryClient, error),
  });
}

/** The four journals with their entry counts and totals over a month. */
export function useJournals(period: string) {
  return useQuery({
    queryKey: financeKeys.journals(period),
    queryFn: async () =>
      unwrap(await api.GET('/api/finance/accounting/journals', { params: { query: { period } } })),
  });
}

/** A month's entries with their lines, a page at a time. */
export function useJournalEntries(query: ReturnType<typeof entryQuery>) {
  return useInfiniteQuery({
    queryKey: financeKeys.entries(query),
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/finance/accounting/entries', {
          params: { query: { ...query, limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useChart() {
  return useQuery({
    queryKey: financeKeys.chart,
    queryFn: async () => unwrap(await api.GET('/api/finance/accounting/chart')),
  });
}

/** Saves changed accounts; entries already posted keep the account they were posted with. */
export function useSaveChart(onSaved: (changed: number) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (accounts: ChartAccountChange[]) =>
      unwrap(await api.PUT('/api/finance/accounting/chart', { body: { accounts } })),
    onSuccess: async (chart, accounts) => {
      queryClient.setQueryData(financeKeys.chart, chart);
      onSaved(accounts.length);
      await queryClient.invalidateQueries({ queryKey: financeKeys.chart });
    },
  });
}
