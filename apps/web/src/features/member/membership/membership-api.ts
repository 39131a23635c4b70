import { authorisedFetch } from '../../../api/client';
import { ApiProblem, isProblem, networkProblem } from '../../../api/problem';

/**
 * A multipart upload with the session's token (openapi-fetch serialises JSON bodies only),
 * throwing the api's problem like `unwrap` does.
 */
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

/** A query string of the defined values (for file routes fetched by `download`). */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
