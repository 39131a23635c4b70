/**
 * The facts the membership context announces (wire names are stored in outbox_events and never
 * renamed) and the jobs it runs.
 */
export const MembershipEvents = {
  /** An organisation applied to join or renew: the Chambre's admins hear of it. */
  ApplicationSubmitted: 'membership.application-submitted',
  /** The Chambre approved it: the membership of the year is recorded and its invoice issued. */
  ApplicationApproved: 'membership.application-approved',
  ApplicationRefused: 'membership.application-refused',
} as const;

export const MembershipJobs = {} as const;

/** Ids only: the notifications planner reloads the application as it is when it writes. */
export type MembershipApplicationPayload = {
  organisationId: string;
  year: number;
};

declare module '@mutualis/core' {
  interface EventCatalogue {
    [MembershipEvents.ApplicationSubmitted]: MembershipApplicationPayload;
    [MembershipEvents.ApplicationApproved]: MembershipApplicationPayload;
    [MembershipEvents.ApplicationRefused]: MembershipApplicationPayload;
  }
}
