/** Core's own housekeeping job (it has no events). */
export const CoreJobs = {
  /** Nightly: published outbox events and old idempotency keys. */
  PurgeDeliveredRecords: 'core.purge-delivered-records',
} as const;

declare module './events/catalogue' {
  interface JobCatalogue {
    [CoreJobs.PurgeDeliveredRecords]: Record<string, never>;
  }
}
