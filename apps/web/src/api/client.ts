import createClient from 'openapi-fetch';
import { sessionStore } from '../auth/session-store';
import type { paths } from './schema';
import { ApiProblem, isProblem, networkProblem } from './problem';

let refreshing: Promise<boolean> | null = null;

/** Trades the refresh token for new tokens, once for all requests that hit a 401 together. */
function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = sessionStore.refreshToken();
    if (!refreshToken) return false;
    const response = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    if (!response.ok) {
      sessionStore.signOut();
      return false;
    }
    sessionStore.signIn((await response.json()) as { accessToken: string; refreshToken: string });
    return true;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** fetch with the bearer token; a 401 refreshes the session once and retries. */
export async function authorisedFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  if (!sessionStore.accessToken() && sessionStore.refreshToken()) await refreshSession();
  const send = (request: Request) => {
    const token = sessionStore.accessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return fetch(request);
  };
  const response = await send(input);
  if (response.status !== 401 || !sessionStore.refreshToken()) return response;
  return (await refreshSession()) ? send(retry) : response;
}

/** The typed client: paths, bodies and answers come from the api's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '', fetch: authorisedFetch });

/** The data of an openapi-fetch answer, or an ApiProblem to throw (for TanStack Query). */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiProblem(
      isProblem(result.error) ? result.error : networkProblem(result.response.status),
    );
  }
  return result.data as T;
}

/** Downloads a file route (PDF, FEC, CSV) with the bearer token and hands it to the browser. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await authorisedFetch(new Request(path));
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw new ApiProblem(isProblem(body) ? body : networkProblem(response.status));
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
