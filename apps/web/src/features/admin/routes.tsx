import type { RouteObject } from 'react-router';

/** The admin pages (see README: Web app). */
export const adminRoutes: RouteObject[] = [];
