/**
 * The facts the membership context announces (wire names are stored in outbox_events and never
 * renamed) and the jobs it runs.
 */
export const MembershipEvents = {} as const;

export const MembershipJobs = {} as const;
