import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../auth/RequireAuth';
import './finance.css';
import { ChartPage } from './accounting/ChartPage';
import { EntriesPage } from './accounting/EntriesPage';
import { JournalsPage } from './accounting/JournalsPage';
import { PeriodsPage } from './accounting/PeriodsPage';
import { ExportsPage } from './exports/ExportsPage';
import { FinanceHomePage } from './FinanceHomePage';
import { InvoicePage } from './invoices/InvoicePage';
import { InvoicesPage } from './invoices/InvoicesPage';
import { ReceivablesPage } from './receivables/ReceivablesPage';
import { StatementOfAccountPage } from './receivables/StatementOfAccountPage';
import { ReconciliationPage } from './reconciliation/ReconciliationPage';
import { RefundsPage } from './refunds/RefundsPage';
import { TransmissionsPage } from './transmissions/TransmissionsPage';
import { OfferingVatPage } from './vat/OfferingVatPage';

function Finance({ children }: { children: ReactNode }) {
  return <RequireAuth roles={['finance', 'admin']}>{children}</RequireAuth>;
}

/** The finance pages, for the Chambre's finance staff. */
export const financeRoutes: RouteObject[] = [
  {
    path: '/finance',
    element: (
      <Finance>
        <FinanceHomePage />
      </Finance>
    ),
  },
  {
    path: '/finance/reconciliation',
    element: (
      <Finance>
        <ReconciliationPage />
      </Finance>
    ),
  },
  {
    path: '/finance/receivables',
    element: (
      <Finance>
        <ReceivablesPage />
      </Finance>
    ),
  },
  {
    path: '/finance/receivables/:organisationId',
    element: (
      <Finance>
        <StatementOfAccountPage />
      </Finance>
    ),
  },
  {
    path: '/finance/invoices',
    element: (
      <Finance>
        <InvoicesPage />
      </Finance>
    ),
  },
  {
    path: '/finance/invoices/:invoiceId',
    element: (
      <Finance>
        <InvoicePage />
      </Finance>
    ),
  },
  {
    path: '/finance/transmissions',
    element: (
      <Finance>
        <TransmissionsPage />
      </Finance>
    ),
  },
  {
    path: '/finance/accounting',
    element: (
      <Finance>
        <PeriodsPage />
      </Finance>
    ),
  },
  {
    path: '/finance/accounting/journals',
    element: (
      <Finance>
        <JournalsPage />
      </Finance>
    ),
  },
  {
    path: '/finance/accounting/entries',
    element: (
      <Finance>
        <EntriesPage />
      </Finance>
    ),
  },
  {
    path: '/finance/accounting/chart',
    element: (
      <Finance>
        <ChartPage />
      </Finance>
    ),
  },
  {
    path: '/finance/exports',
    element: (
      <Finance>
        <ExportsPage />
      </Finance>
    ),
  },
  {
    path: '/finance/refunds',
    element: (
      <Finance>
        <RefundsPage />
      </Finance>
    ),
  },
  {
    path: '/finance/vat',
    element: (
      <Finance>
        <OfferingVatPage />
      </Finance>
    ),
  },
];
