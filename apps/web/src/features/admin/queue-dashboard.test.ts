import { describe, expect, it } from 'vitest';
import { isFresh, queueDashboardCookie, tokenExpiry } from './queue-dashboard';

function jwt(claims: object): string {
  const encode = (value: object) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.signature`;
}

describe('queue dashboard cookie', () => {
  const token = jwt({ sub: 'user-1', sid: 'session-1', exp: 1_900_000_900 });

  it('reads the expiry of an access token', () => {
    expect(tokenExpiry(token)).toBe(1_900_000_900);
    expect(tokenExpiry('not-a-token')).toBeNull();
    expect(tokenExpiry('a.%%%.c')).toBeNull();
  });

  it('scopes the token to the dashboard path, strict same-site, for the token’s lifetime', () => {
    expect(queueDashboardCookie(token, false, 1_900_000_000)).toBe(
      `mutualis_access_token=${token}; Path=/admin/queues; SameSite=Strict; Max-Age=900`,
    );
  });

  it('marks the cookie Secure only over https', () => {
    expect(queueDashboardCookie(token, true, 1_900_000_000)).toMatch(/; Secure$/);
  });

  it('treats a missing or nearly expired token as stale', () => {
    expect(isFresh(token, 1_900_000_000)).toBe(true);
    expect(isFresh(token, 1_900_000_880)).toBe(false);
    expect(isFresh(null, 1_900_000_000)).toBe(false);
  });
});
