import type { NoPayload } from '@mutualis/core';

/**
 * The facts the training context announces (wire names are stored in outbox_events and never
 * renamed). Those marked « due » are written with a deliver_at: the worker acts on them then, and
 * checks on arrival that they still apply (a session moved since is scheduled again).
 */
export const TrainingEvents = {
  /** A booking's convention (or contrat de formation) was generated: its organisation signs it. */
  ConventionIssued: 'training.convention-issued',
  /** One side signed a convention; the signed version is stored as a new document. */
  ConventionSigned: 'training.convention-signed',
  /** Due: remind the organisation of a convention still unsigned. */
  ConventionReminderDue: 'training.convention-reminder-due',
  /** Due: the convocations of a booking's trainees are made and sent. */
  ConvocationDue: 'training.convocation-due',
  /** A trainee's convocation was stored: it is e-mailed to them. */
  ConvocationIssued: 'training.convocation-issued',
  /** Due: a half-day opens; each trainee receives their signing link. */
  HalfDayOpening: 'training.half-day-opening',
  /** Due: a session ended; its attendance sheet, attestations and certificates are made. */
  SessionEnded: 'training.session-ended',
  /** A trainee's attestation and certificat de réalisation were stored: they are e-mailed. */
  CompletionDocumentsIssued: 'training.completion-documents-issued',
  /** Due: a session's hot (at its end) or cold (after the configured delay) survey goes out. */
  SurveyDue: 'training.survey-due',
} as const;

/** The training context's jobs that are not events (each with one @OnJob handler). */
export const TrainingJobs = {
  /**
   * Every quarter of an hour: sessions ended (a grace period past) whose documents were not made
   * yet. Their SessionEnded does it on time; this catches a session moved earlier than the event
   * written for it, and anything an outage delayed.
   */
  CompleteEndedSessions: 'training.complete-ended-sessions',
} as const;

export type ConventionPayload = { bookingId: string; documentId: string; organisationId: string };
export type ConventionSignedPayload = ConventionPayload & { party: 'organisation' | 'chambre' };
export type BookingDuePayload = { bookingId: string; sessionId: string };
export type ConvocationIssuedPayload = {
  bookingId: string;
  sessionId: string;
  attendeeId: string;
  documentId: string;
  /** Whether it replaces an earlier one (the date or place changed). */
  revised: boolean;
};
export type HalfDayOpeningPayload = { sessionId: string; halfDayId: string };
export type SessionDuePayload = { sessionId: string };
export type CompletionDocumentsPayload = {
  sessionId: string;
  bookingId: string;
  attendeeId: string;
  attestationId: string;
  certificateId: string;
};
export type SurveyDuePayload = { sessionId: string; stage: 'hot' | 'cold' };

declare module '@mutualis/core' {
  interface EventCatalogue {
    [TrainingEvents.ConventionIssued]: ConventionPayload;
    [TrainingEvents.ConventionSigned]: ConventionSignedPayload;
    [TrainingEvents.ConventionReminderDue]: ConventionPayload;
    [TrainingEvents.ConvocationDue]: BookingDuePayload;
    [TrainingEvents.ConvocationIssued]: ConvocationIssuedPayload;
    [TrainingEvents.HalfDayOpening]: HalfDayOpeningPayload;
    [TrainingEvents.SessionEnded]: SessionDuePayload;
    [TrainingEvents.CompletionDocumentsIssued]: CompletionDocumentsPayload;
    [TrainingEvents.SurveyDue]: SurveyDuePayload;
  }

  interface JobCatalogue {
    [TrainingJobs.CompleteEndedSessions]: NoPayload;
  }
}
