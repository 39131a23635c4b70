import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiProblem } from './api/problem';
import { Layout } from './components/Layout';
import { accountRoutes } from './features/account/routes';
import { adminRoutes } from './features/admin/routes';
import { consultantRoutes } from './features/consultant/routes';
import { financeRoutes } from './features/finance/routes';
import { LoginPage } from './features/LoginPage';
import { memberRoutes } from './features/member/routes';
import { NotFoundPage } from './features/NotFoundPage';
import { publicRoutes } from './features/public/routes';
import { privacyRoutes } from './features/privacy/routes';
import { securityRoutes } from './features/security/routes';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will answer the same again; only network and server errors are worth a retry.
      retry: (failures, error) =>
        failures < 2 &&
        !(error instanceof ApiProblem && error.problem.status >= 400 && error.problem.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/login', element: <LoginPage /> },
      ...publicRoutes,
      ...memberRoutes,
      ...consultantRoutes,
      ...financeRoutes,
      ...adminRoutes,
      ...privacyRoutes,
      ...accountRoutes,
      ...securityRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
