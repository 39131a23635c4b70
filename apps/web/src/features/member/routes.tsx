import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../auth/RequireAuth';
import { BookingPage } from './booking/BookingPage';
import { BookingDetailPage } from './bookings/BookingDetailPage';
import { BookingsPage } from './bookings/BookingsPage';
import { InvoiceDetailPage } from './invoices/InvoiceDetailPage';
import { InvoicesPage } from './invoices/InvoicesPage';
import { MembershipPage } from './membership/MembershipPage';
import './membership/membership.css';
import './member.css';

/** The member pages: book, follow one's bookings, read and download one's invoices, the adhésion. */
export const memberRoutes: RouteObject[] = [
  {
    path: '/book/:offeringId',
    element: (
      <RequireAuth>
        <BookingPage />
      </RequireAuth>
    ),
  },
  {
    path: '/bookings',
    element: (
      <RequireAuth>
        <BookingsPage />
      </RequireAuth>
    ),
  },
  {
    path: '/bookings/:id',
    element: (
      <RequireAuth>
        <BookingDetailPage />
      </RequireAuth>
    ),
  },
  {
    path: '/invoices',
    element: (
      <RequireAuth>
        <InvoicesPage />
      </RequireAuth>
    ),
  },
  {
    path: '/membership',
    element: (
      <RequireAuth>
        <MembershipPage />
      </RequireAuth>
    ),
  },
  {
    path: '/invoices/:id',
    element: (
      <RequireAuth>
        <InvoiceDetailPage />
      </RequireAuth>
    ),
  },
];
