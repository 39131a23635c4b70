import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is acting in the current request or job, as the audit log records it. */
export interface AuditActor {
  /** Null for the system: the worker, a scheduled job, a bank statement. */
  userId: string | null;
  /**
   * A role or a system name (`admin`, `finance`, `system:worker`), never a person's name or
   * e-mail: the table's CHECK refuses anything but lower-case words.
   */
  label: string;
}

export interface AuditContext {
  /** The request id pino-http gave the request (echoed as X-Request-Id), or a job's id. */
  requestId: string | null;
  /** Filled once authentication has run; null for anonymous requests. */
  actor: AuditActor | null;
}

const storage = new AsyncLocalStorage<AuditContext>();

/** The context of the request or job being served, if any. */
export function currentAuditContext(): AuditContext | undefined {
  return storage.getStore();
}

/**
 * Runs `work` with the given audit context: the api's interceptor wraps each request in it,
 * and a worker job that makes audited changes wraps its work the same way, e.g.
 * `runWithAuditContext({ requestId: job.id, actor: SYSTEM_ACTOR }, () => useCase.execute(...))`.
 */
export function runWithAuditContext<T>(context: AuditContext, work: () => T): T {
  return storage.run(context, work);
}

/** The actor of changes no person made. */
export const SYSTEM_ACTOR: AuditActor = { userId: null, label: 'system' };

/** The label of a user acting with these platform roles: the most powerful one, or `user`. */
export function actorLabelForRoles(roles: readonly string[]): string {
  for (const role of ['admin', 'finance', 'consultant']) if (roles.includes(role)) return role;
  return 'user';
}

/**
 * The context of a worker job: the system acts, and the job id (for an event, the outbox event's
 * id) stands for the request, so an entry leads back to the event and from it to its cause.
 */
export function jobAuditContext(job: { id?: string | null }): AuditContext {
  return {
    requestId: job.id ? `job:${job.id}`.slice(0, 128) : null,
    actor: { userId: null, label: 'system:worker' },
  };
}
