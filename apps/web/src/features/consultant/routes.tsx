import type { RouteObject } from 'react-router';
import { Navigate } from 'react-router';
import { RequireAuth } from '../../auth/RequireAuth';
import { NewOfferingPage } from './NewOfferingPage';
import { OfferingPage } from './OfferingPage';
import { OfferingsPage } from './OfferingsPage';
import { ProfilePage } from './ProfilePage';
import { SessionPage } from './SessionPage';
import { AttendancePage } from '../training/attendance/AttendancePage';

/**
 * The consultant pages (see README: Web app). An offering's page and a session's attendee list
 * also open to admins, who may archive offerings, schedule and cancel sessions and mark
 * attendance; the api decides what each may do. E-mails link to the offering and session paths.
 */
export const consultantRoutes: RouteObject[] = [
  { path: '/consultant', element: <Navigate to="/consultant/offerings" replace /> },
  {
    path: '/consultant/offerings',
    element: (
      <RequireAuth roles={['consultant']}>
        <OfferingsPage />
      </RequireAuth>
    ),
  },
  {
    path: '/consultant/offerings/new',
    element: (
      <RequireAuth roles={['consultant']}>
        <NewOfferingPage />
      </RequireAuth>
    ),
  },
  {
    path: '/consultant/offerings/:id',
    element: (
      <RequireAuth roles={['consultant', 'admin']}>
        <OfferingPage />
      </RequireAuth>
    ),
  },
  {
    path: '/consultant/sessions/:id',
    element: (
      <RequireAuth roles={['consultant', 'admin']}>
        <SessionPage />
      </RequireAuth>
    ),
  },
  {
    path: '/consultant/sessions/:id/attendance',
    element: (
      <RequireAuth roles={['consultant', 'admin']}>
        <AttendancePage />
      </RequireAuth>
    ),
  },
  {
    path: '/consultant/profile',
    element: (
      <RequireAuth roles={['consultant']}>
        <ProfilePage />
      </RequireAuth>
    ),
  },
];
