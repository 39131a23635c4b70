/**
 * Every BullMQ queue, frozen here so producers and processors never disagree on a name.
 * Contexts add their queue when they get their first processor.
 */
export enum QueueName {
  /** Housekeeping of the platform itself (expired invitations and refresh tokens). */
  Maintenance = 'maintenance',
}
