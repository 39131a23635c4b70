import type { RouteObject } from 'react-router';

/** The member pages (see README: Web app). */
export const memberRoutes: RouteObject[] = [];
