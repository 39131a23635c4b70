import { describe, expect, it } from 'vitest';
import { safeNext } from './LoginPage';

describe('safeNext', () => {
  it('follows a path of this site after sign-in', () => {
    expect(safeNext('/invoices/42?x=1')).toBe('/invoices/42?x=1');
  });

  it('never sends the user to another site', () => {
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
