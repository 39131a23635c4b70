import type { NoPayload } from '@mutualis/core';

export const PrivacyJobs = {
  /** Nightly: attendees past retention anonymised, old mail's data dropped. */
  PurgeExpiredPersonalData: 'privacy.purge-expired-personal-data',
} as const;

declare module '@mutualis/core' {
  interface JobCatalogue {
    [PrivacyJobs.PurgeExpiredPersonalData]: NoPayload;
  }
}
