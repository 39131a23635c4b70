import { ApiProblem } from '../../api/problem';

export interface OrphanedOrganisation {
  id: string;
  legalName: string;
}

/**
 * The organisations an erasure would leave without an admin, when the api refused it for that
 * reason (409 `organisations_would_lose_their_admin`, listed in the problem's `organisations`).
 */
export function orphanedOrganisations(error: unknown): OrphanedOrganisation[] {
  if (!(error instanceof ApiProblem)) return [];
  if (error.problem.code !== 'organisations_would_lose_their_admin') return [];
  const listed = (error.problem as { organisations?: unknown }).organisations;
  if (!Array.isArray(listed)) return [];
  return listed.filter(
    (item): item is OrphanedOrganisation =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as OrphanedOrganisation).id === 'string' &&
      typeof (item as OrphanedOrganisation).legalName === 'string',
  );
}
