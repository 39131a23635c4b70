import { Response } from 'supertest';

/**
 * Assertions the end-to-end specs share. Each puts the status beside the body, so a failure
 * shows what the api answered.
 */

/** Checks a problem answer: its status (in the response and the body), its code when given, and the problem+json type. */
export function expectProblem(response: Response, status: number, code?: string): void {
  expect({ status: response.status, body: response.body as unknown }).toMatchObject({
    status,
    body: { status, ...(code ? { code } : {}) },
  });
  expect(response.headers['content-type']).toContain('application/problem+json');
}

/**
 * Checks a problem answer whole: expectProblem's checks, every member RFC 9457 and our api
 * promise (instance is the request path when given), and the request id header. Returns the body.
 */
export function expectCompleteProblem(
  response: Response,
  status: number,
  code: string,
  path?: string,
): Record<string, unknown> {
  expectProblem(response, status, code);
  expect(response.body).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      status,
      detail: expect.any(String),
      instance: expect.any(String),
      code,
      requestId: expect.any(String),
    }),
  );
  expect(response.body.type).not.toBe('');
  expect(response.body.title).not.toBe('');
  expect(response.body.detail).not.toBe('');
  if (path !== undefined) expect(response.body.instance).toBe(path);
  expect(response.body.requestId).not.toBe('');
  expect(response.headers['x-request-id']).toBe(response.body.requestId);
  return response.body;
}

/** The fields a validation problem names, in order. */
export function fieldsOf(response: Response): string[] {
  return ((response.body.errors ?? []) as { field: string }[]).map((error) => error.field);
}

/** Checks the problem names exactly these fields (in any order), each with a message. */
export function expectFields(response: Response, fields: string[]): void {
  expect(response.body.errors).toEqual(
    expect.arrayContaining(fields.map((field) => ({ field, message: expect.any(String) }))),
  );
  expect([...new Set(fieldsOf(response))].sort()).toEqual([...fields].sort());
}

/** Checks the status, showing the body when it is not the expected one. */
export function expectStatus(response: Response, status: number): void {
  expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status });
}

/** Polls until the check passes or the time is up; returns the last value for the assertion to show. */
export async function eventually<T>(
  check: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await check();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await check();
  }
  return value;
}
