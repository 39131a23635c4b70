import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../api/problem';
import { orphanedOrganisations } from './orphans';

const problem = (code: string, extra: Record<string, unknown> = {}) =>
  new ApiProblem({ type: 'x', title: 'x', status: 409, detail: 'x', code, ...extra });

describe('orphanedOrganisations', () => {
  it('reads the organisations an erasure would leave without an admin', () => {
    const organisations = [{ id: 'a', legalName: 'Association A' }];
    expect(
      orphanedOrganisations(problem('organisations_would_lose_their_admin', { organisations })),
    ).toEqual(organisations);
  });

  it('ignores other problems, other errors and malformed lists', () => {
    expect(orphanedOrganisations(problem('already_erased'))).toEqual([]);
    expect(orphanedOrganisations(new Error('x'))).toEqual([]);
    expect(
      orphanedOrganisations(
        problem('organisations_would_lose_their_admin', { organisations: [{ id: 1 }, 'x'] }),
      ),
    ).toEqual([]);
  });
});
