import { describe, expect, it } from 'vitest';
import { withRole } from './roles';

describe('platform roles', () => {
  it('adds a role once, keeping the others in a stable order', () => {
    expect(withRole(['consultant'], 'admin', true)).toEqual(['admin', 'consultant']);
    expect(withRole(['admin', 'consultant'], 'consultant', true)).toEqual(['admin', 'consultant']);
  });

  it('removes only the unticked role', () => {
    expect(withRole(['admin', 'finance', 'consultant'], 'finance', false)).toEqual([
      'admin',
      'consultant',
    ]);
    expect(withRole([], 'finance', false)).toEqual([]);
  });
});
