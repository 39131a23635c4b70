import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../auth/RequireAuth';
import { ForgotPasswordPage } from './ForgotPasswordPage';
import { ResetPasswordPage } from './ResetPasswordPage';
import { SecurityPage } from './SecurityPage';
import { VerifyEmailPage } from './VerifyEmailPage';

/**
 * The account's own pages. `/reset-password` and `/verify-email` are the targets of the
 * e-mailed links (libs/notifications/src/services/web-links.ts): keep the paths in step.
 */
export const accountRoutes: RouteObject[] = [
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  { path: '/verify-email', element: <VerifyEmailPage /> },
  {
    path: '/account/security',
    element: (
      <RequireAuth>
        <SecurityPage />
      </RequireAuth>
    ),
  },
];
