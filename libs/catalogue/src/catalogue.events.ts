import type { NoPayload } from '@mutualis/core';

/** The facts the catalogue announces (wire names: stored in outbox_events, never renamed). */
export const CatalogueEvents = {
  OfferingPublished: 'offering.published',
  OfferingRejected: 'offering.rejected',
  /** Each booking on it is cancelled with its own booking.cancelled, which is what members hear. */
  SessionCancelled: 'session.cancelled',
  /**
   * A scheduled session moved (dates) or changed place (address or remote link): the training
   * body sends its trainees revised convocations.
   */
  SessionRescheduled: 'session.rescheduled',
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

/** What changed on a session, and what it was before (instants as ISO 8601; flat, as payloads are). */
export type SessionRescheduledPayload = {
  offeringId: string;
  rescheduledBy: string;
  datesChanged: boolean;
  placeChanged: boolean;
  previousStartsAt: string;
  previousEndsAt: string;
  previousLocation: string | null;
  previousRemoteUrl: string | null;
};

declare module '@mutualis/core' {
  interface EventCatalogue {
    [CatalogueEvents.OfferingPublished]: OfferingModeratedPayload;
    [CatalogueEvents.OfferingRejected]: OfferingModeratedPayload;
    [CatalogueEvents.SessionCancelled]: { offeringId: string; cancelledBy: string };
    [CatalogueEvents.SessionRescheduled]: SessionRescheduledPayload;
  }
  interface JobCatalogue {
    [CatalogueJobs.CompletePastSessions]: NoPayload;
  }
}
