import { describe, expect, it } from 'vitest';
import { ownerActions } from './offering-status';

describe("the owner's workflow buttons", () => {
  it('offers submission for a draft or a rejected offering only', () => {
    expect(ownerActions('draft').submit).toBe(true);
    expect(ownerActions('rejected').submit).toBe(true);
    expect(ownerActions('submitted').submit).toBe(false);
    expect(ownerActions('published').submit).toBe(false);
  });

  it('locks editing while in moderation and once archived', () => {
    expect(ownerActions('submitted').edit).toBe(false);
    expect(ownerActions('archived').edit).toBe(false);
    expect(ownerActions('published').edit).toBe(true);
  });

  it('archives anything not yet archived', () => {
    expect(ownerActions('submitted').archive).toBe(true);
    expect(ownerActions('archived').archive).toBe(false);
  });
});
