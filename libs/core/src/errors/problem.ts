import { FieldProblem } from './domain.exception';

/** RFC 9457 problem details, as every error of the api is answered. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  requestId?: string;
  errors?: FieldProblem[];
  /** Extension members a problem may carry (RFC 9457 §3.2): facts such as a limit and its use. */
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: string): string {
  return `urn:mutualis:problem:${code.replace(/_/g, '-')}`;
}
