import type { RouteObject } from 'react-router';

/** The finance pages (see README: Web app). */
export const financeRoutes: RouteObject[] = [];
