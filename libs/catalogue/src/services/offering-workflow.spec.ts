import { CatalogueException } from '../catalogue.exception';
import { OFFERING_STATUSES } from '../catalogue.types';
import { nextStatus, OFFERING_WORKFLOW, OfferingAction } from './offering-workflow';

describe('offering workflow', () => {
  it.each([
    ['draft', 'submit', 'submitted'],
    ['rejected', 'submit', 'submitted'],
    ['submitted', 'publish', 'published'],
    ['submitted', 'reject', 'rejected'],
    ['published', 'archive', 'archived'],
    ['draft', 'archive', 'archived'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it('refuses every other transition with a conflict', () => {
    const allowed = new Set(
      Object.entries(OFFERING_WORKFLOW).flatMap(([action, t]) =>
        t.from.map((from) => `${from}:${action}`),
      ),
    );
    for (const from of OFFERING_STATUSES) {
      for (const action of Object.keys(OFFERING_WORKFLOW) as OfferingAction[]) {
        if (allowed.has(`${from}:${action}`)) continue;
        expect(() => nextStatus(from, action)).toThrow(CatalogueException);
      }
    }
  });

  it('never publishes without a moderator: only admins publish or reject', () => {
    expect(OFFERING_WORKFLOW.publish.by).toEqual(['admin']);
    expect(OFFERING_WORKFLOW.reject.by).toEqual(['admin']);
    expect(OFFERING_WORKFLOW.submit.by).toEqual(['owner']);
  });
});
