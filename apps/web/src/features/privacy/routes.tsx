import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../auth/RequireAuth';
import { ErasedPage } from './ErasedPage';
import { PersonalDataPage } from './PersonalDataPage';
import './privacy.css';

/** The person's own data: « Mes données » (export, erasure), and the page after erasure. */
export const privacyRoutes: RouteObject[] = [
  {
    path: '/account/data',
    element: (
      <RequireAuth>
        <PersonalDataPage />
      </RequireAuth>
    ),
  },
  { path: '/account/erased', element: <ErasedPage /> },
];
