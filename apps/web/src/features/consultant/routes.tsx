import type { RouteObject } from 'react-router';

/** The consultant pages (see README: Web app). */
export const consultantRoutes: RouteObject[] = [];
