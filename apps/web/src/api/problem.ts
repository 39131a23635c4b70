/** An RFC 9457 problem as the api answers it (see libs/core/src/errors/problem.ts). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
}

/** Thrown by `unwrap` when the api answers an error; carries the problem for display. */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiProblem';
  }

  /** The field errors, keyed by field path (`attendees.0.email`). */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries(
      (this.problem.errors ?? []).map((error) => [error.field, error.message]),
    );
  }
}

export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).status === 'number' &&
    typeof (value as Problem).code === 'string'
  );
}

/** A problem for failures that never reached the api (offline, proxy error page). */
export function networkProblem(status = 0): Problem {
  return {
    type: 'about:blank',
    title: 'Network error',
    status,
    detail: '',
    code: status === 0 ? 'network_error' : 'http_error',
  };
}
