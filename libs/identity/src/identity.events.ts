import type { NoPayload } from '@mutualis/core';

/** The facts identity announces (wire names: stored in outbox_events, never renamed). */
export const IdentityEvents = {
  InvitationCreated: 'identity.invitation-created',
  /** A sign-up on an address that has an account: its owner is told (the aggregate is the user). */
  RegistrationAttempted: 'identity.registration-attempted',
  /** The account links: the aggregate is the account token, never its secret. */
  EmailVerificationRequested: 'identity.email-verification-requested',
  EmailChangeRequested: 'identity.email-change-requested',
  PasswordResetRequested: 'identity.password-reset-requested',
} as const;

export const IdentityJobs = {
  /** Nightly: expired refresh tokens, account links and invitations. */
  PurgeExpiredCredentials: 'identity.purge-expired-credentials',
} as const;

declare module '@mutualis/core' {
  interface EventCatalogue {
    [IdentityEvents.InvitationCreated]: { organisationId: string; invitedBy: string };
    [IdentityEvents.RegistrationAttempted]: NoPayload;
    [IdentityEvents.EmailVerificationRequested]: NoPayload;
    [IdentityEvents.EmailChangeRequested]: NoPayload;
    [IdentityEvents.PasswordResetRequested]: NoPayload;
  }
  interface JobCatalogue {
    [IdentityJobs.PurgeExpiredCredentials]: NoPayload;
  }
}
