import type { NoPayload } from '@mutualis/core';

/** The facts the catalogue announces (wire names: stored in outbox_events, never renamed). */
export const CatalogueEvents = {
  OfferingPublished: 'offering.published',
  OfferingRejected: 'offering.rejected',
  /** Each booking on it is cancelled with its own booking.cancelled, which is what members hear. */
  SessionCancelled: 'session.cancelled',
} as const;

export const CatalogueJobs = {
  /** Hourly: sessions whose end has passed are marked completed. */
  CompletePastSessions: 'catalogue.complete-past-sessions',
} as const;

/** A moderation decision; about a revision of a published offering, the revision and the reason. */
export type OfferingModeratedPayload = {
  consultantId: string;
  moderatedBy: string;
  revisionId?: string;
  reason?: string;
};

declare module '@mutualis/core' {
  interface EventCatalogue {
    [CatalogueEvents.OfferingPublished]: OfferingModeratedPayload;
    [CatalogueEvents.OfferingRejected]: OfferingModeratedPayload;
    [CatalogueEvents.SessionCancelled]: { offeringId: string; cancelledBy: string };
  }
  interface JobCatalogue {
    [CatalogueJobs.CompletePastSessions]: NoPayload;
  }
}
