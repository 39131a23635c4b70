import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../auth/RequireAuth';
import { TWO_FACTOR_PAGE } from './security-api';
import { TwoFactorPage } from './TwoFactorPage';
import './security.css';

/** The signed-in user's security pages (two-factor authentication). */
export const securityRoutes: RouteObject[] = [
  {
    path: TWO_FACTOR_PAGE,
    element: (
      <RequireAuth>
        <TwoFactorPage />
      </RequireAuth>
    ),
  },
];
