/**
 * The facts the membership context announces (wire names are stored in outbox_events and never
 * renamed) and the jobs it runs.
 */
export const MembershipEvents = {
  /** An admin applied a member import: the worker brings its lines in, in batches. */
  ImportStarted: 'membership.import-started',
} as const;

export const MembershipJobs = {} as const;

declare module '@mutualis/core' {
  interface EventCatalogue {
    [MembershipEvents.ImportStarted]: { startedBy: string };
  }
}
