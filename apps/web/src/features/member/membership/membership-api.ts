import { authorisedFetch } from '../../../api/client';
import { ApiProblem, isProblem, networkProblem } from '../../../api/problem';

/**
 * A JSON call to a membership route with the session's token, throwing the api's problem like
 * `unwrap` does. The membership routes are not in the generated client yet (they are being
 * merged): once `npm run web:client` has picked them up, callers move to `api.GET/POST/PUT`.
 */
export async function requestJson<T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await authorisedFetch(
    new Request(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  const data: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiProblem(isProblem(data) ? data : networkProblem(response.status));
  }
  return data as T;
}

/** A multipart upload (openapi-fetch serialises JSON bodies only). */
export async function uploadFile<T>(path: string, file: File): Promise<T> {
  const body = new FormData();
  body.append('file', file);
  const response = await authorisedFetch(new Request(path, { method: 'POST', body }));
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiProblem(isProblem(data) ? data : networkProblem(response.status));
  }
  return data as T;
}

/** A query string of the defined values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
