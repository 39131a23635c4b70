import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../auth/RequireAuth';
import { NotificationPreferencesPage } from './account/NotificationPreferencesPage';
import { RegisterPage } from './account/RegisterPage';
import { CataloguePage } from './catalogue/CataloguePage';
import { InvitationPage } from './invitation/InvitationPage';
import { SigningPage } from '../training/attendance/SigningPage';
import { OfferingPage } from './offering/OfferingPage';
import { CreateOrganisationPage } from './organisation/CreateOrganisationPage';
import { OrganisationPage } from './organisation/OrganisationPage';
import { OrganisationsPage } from './organisation/OrganisationsPage';
import { SurveyPage } from '../training/survey/SurveyPage';
import './public.css';

/** The public pages (catalogue, offering, sign-up, invitation) and the user's own account pages. */
export const publicRoutes: RouteObject[] = [
  { path: '/', element: <CataloguePage /> },
  { path: '/offerings/:id', element: <OfferingPage /> },
  { path: '/register', element: <RegisterPage /> },
  { path: '/invitations/:token', element: <InvitationPage /> },
  // A trainee's signing link (émargement): no account, the link is the key.
  { path: '/emargement/:token', element: <SigningPage /> },
  // The survey e-mail's link (no account needed).
  { path: '/surveys/:token', element: <SurveyPage /> },
  {
    path: '/organisation',
    element: (
      <RequireAuth>
        <OrganisationsPage />
      </RequireAuth>
    ),
  },
  {
    path: '/organisation/new',
    element: (
      <RequireAuth>
        <CreateOrganisationPage />
      </RequireAuth>
    ),
  },
  {
    path: '/organisation/:id',
    element: (
      <RequireAuth>
        <OrganisationPage />
      </RequireAuth>
    ),
  },
  {
    path: '/account/notifications',
    element: (
      <RequireAuth>
        <NotificationPreferencesPage />
      </RequireAuth>
    ),
  },
];
