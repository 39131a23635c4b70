import {
  actorLabelForRoles,
  currentAuditContext,
  jobAuditContext,
  runWithAuditContext,
} from './audit-context';
import { changedFields } from './audit-log.service';

describe('audit context', () => {
  it('labels a user by their most powerful role, never by who they are', () => {
    expect(actorLabelForRoles(['consultant', 'admin'])).toBe('admin');
    expect(actorLabelForRoles(['finance', 'consultant'])).toBe('finance');
    expect(actorLabelForRoles([])).toBe('user');
  });

  it('keeps the context across awaits, and only inside the work it wraps', async () => {
    const context = { requestId: 'req-1', actor: { userId: null, label: 'system' } };
    const seen = await runWithAuditContext(context, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentAuditContext();
    });
    expect(seen).toBe(context);
    expect(currentAuditContext()).toBeUndefined();
  });

  it('names a job as the request of the worker’s changes', () => {
    expect(jobAuditContext({ id: 'evt-1' })).toEqual({
      requestId: 'job:evt-1',
      actor: { userId: null, label: 'system:worker' },
    });
    expect(jobAuditContext({}).requestId).toBeNull();
  });
});

describe('changedFields', () => {
  const offering = { memberPriceCents: 18_000, vatTreatment: 'exempt_training', title: 'A' };

  it('keeps only the named fields whose value changes', () => {
    expect(
      changedFields(offering, { memberPriceCents: 18_000, vatTreatment: 'standard', title: 'B' }, [
        'memberPriceCents',
        'vatTreatment',
      ]),
    ).toEqual({ before: { vatTreatment: 'exempt_training' }, after: { vatTreatment: 'standard' } });
  });

  it('says nothing changed when nothing did, and compares lists by value', () => {
    expect(changedFields(offering, { memberPriceCents: 18_000 })).toBeNull();
    expect(changedFields({ roles: ['a'] }, { roles: ['a'] })).toBeNull();
    const address: { line2: string | null } = { line2: 'x' };
    expect(changedFields(address, { line2: null })).toEqual({
      before: { line2: 'x' },
      after: { line2: null },
    });
  });
});
