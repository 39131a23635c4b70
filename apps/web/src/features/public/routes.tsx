import type { RouteObject } from 'react-router';

/** The public pages (see README: Web app). */
export const publicRoutes: RouteObject[] = [];
