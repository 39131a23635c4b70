import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../auth/RequireAuth';
import { AdminHomePage } from './AdminHomePage';
import { AuditPage } from './AuditPage';
import { ChambreSettingsPage } from './ChambreSettingsPage';
import { ModerationPage } from './ModerationPage';
import { NotificationsPage } from './NotificationsPage';
import { OrganisationPage } from './OrganisationPage';
import { OrganisationsPage } from './OrganisationsPage';
import { UsersPage } from './UsersPage';
import { ApplicationsPage } from './membership/ApplicationsPage';
import { CampaignsPage } from './membership/CampaignsPage';
import { FeeSchedulePage } from './membership/FeeSchedulePage';
import { ImportPage } from './membership/ImportPage';
import { MembersPage } from './membership/MembersPage';
import { SurveyResultsPage } from '../training/survey/SurveyResultsPage';
import { TrainingSettingsPage } from '../training/convention/TrainingSettingsPage';
import '../member/membership/membership.css';

const adminOnly = (page: ReactNode) => <RequireAuth roles={['admin']}>{page}</RequireAuth>;

/** The Chambre admin's pages (see README: Web app). /admin/queues is the api's, not ours. */
export const adminRoutes: RouteObject[] = [
  { path: '/admin', element: adminOnly(<AdminHomePage />) },
  { path: '/admin/moderation', element: adminOnly(<ModerationPage />) },
  { path: '/admin/organisations', element: adminOnly(<OrganisationsPage />) },
  { path: '/admin/organisations/:id', element: adminOnly(<OrganisationPage />) },
  { path: '/admin/users', element: adminOnly(<UsersPage />) },
  { path: '/admin/notifications', element: adminOnly(<NotificationsPage />) },
  { path: '/admin/audit', element: adminOnly(<AuditPage />) },
  { path: '/admin/chambre', element: adminOnly(<ChambreSettingsPage />) },
  { path: '/admin/membership', element: adminOnly(<ApplicationsPage />) },
  { path: '/admin/membership/members', element: adminOnly(<MembersPage />) },
  { path: '/admin/membership/fees', element: adminOnly(<FeeSchedulePage />) },
  { path: '/admin/membership/campaigns', element: adminOnly(<CampaignsPage />) },
  { path: '/admin/membership/import', element: adminOnly(<ImportPage />) },
  { path: '/admin/training/surveys', element: adminOnly(<SurveyResultsPage />) },
  { path: '/admin/training', element: adminOnly(<TrainingSettingsPage />) },
];
