import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '../auth/session-store';
import { authorisedFetch } from './client';

/** Answers requests by path from a table; records what was sent. */
function fakeServer(handlers: Record<string, (request: Request) => Response>) {
  const sent: { path: string; authorization: string | null }[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo, init?: RequestInit) => {
    const request =
      input instanceof Request ? input : new Request(new URL(input, 'http://app.test'), init);
    const path = new URL(request.url, 'http://app.test').pathname;
    sent.push({ path, authorization: request.headers.get('Authorization') });
    return handlers[path](request);
  });
  return sent;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('authorisedFetch', () => {
  beforeEach(() => sessionStore.signOut());
  afterEach(() => vi.unstubAllGlobals());

  it('sends the bearer token, and on a 401 trades the refresh token once and retries', async () => {
    sessionStore.signIn({ accessToken: 'old-access', refreshToken: 'refresh-1' });
    const sent = fakeServer({
      '/api/me': (request) =>
        request.headers.get('Authorization') === 'Bearer new-access'
          ? json({ ok: true })
          : json({}, 401),
      '/api/auth/refresh': () =>
        json({ accessToken: 'new-access', refreshToken: 'refresh-2', expiresIn: 900 }),
    });

    const response = await authorisedFetch(new Request('http://app.test/api/me'));

    expect(response.status).toBe(200);
    expect(sent.map((request) => `${request.path} ${request.authorization ?? '-'}`)).toEqual([
      '/api/me Bearer old-access',
      '/api/auth/refresh -',
      '/api/me Bearer new-access',
    ]);
    expect(sessionStore.refreshToken()).toBe('refresh-2');
  });

  it('signs out when the refresh token is refused, and hands the 401 back', async () => {
    sessionStore.signIn({ accessToken: 'old-access', refreshToken: 'revoked' });
    fakeServer({ '/api/me': () => json({}, 401), '/api/auth/refresh': () => json({}, 401) });

    const response = await authorisedFetch(new Request('http://app.test/api/me'));

    expect(response.status).toBe(401);
    expect(sessionStore.isSignedIn()).toBe(false);
  });

  it('lets a visitor through without a token', async () => {
    const sent = fakeServer({ '/api/offerings': () => json({ items: [] }) });
    await authorisedFetch(new Request('http://app.test/api/offerings'));
    expect(sent).toEqual([{ path: '/api/offerings', authorization: null }]);
  });
});
