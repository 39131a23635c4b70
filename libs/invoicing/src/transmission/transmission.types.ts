/**
 * How an issued invoice reaches its buyer. `chorus_pro` for a public buyer (code de la commande
 * publique L2192-1); `email` for the others until the Chambre picks its approved platform (`pa`,
 * plateforme agréée), which is one adapter more behind the same port.
 */
export const TRANSMISSION_CHANNELS = ['email', 'chorus_pro', 'pa'] as const;
export type TransmissionChannel = (typeof TRANSMISSION_CHANNELS)[number];

/**
 * Where a transmission stands:
 * - `pending`: to be sent (a job is queued, or retried after `last_error` at `next_attempt_at`);
 * - `awaiting_configuration`: its channel is not configured (no Chorus Pro credentials): it
 *   waits, visibly, and leaves once they are set;
 * - `submitted`: deposited, the platform has not said yet whether it accepts the file;
 * - `processing`: accepted, its statuses are followed until paid or rejected;
 * - `rejected`: the file or the invoice was refused (reason in the lifecycle): it is corrected
 *   by a credit note and a new invoice, never sent again;
 * - `completed`: the platform says it is paid, nothing more to follow;
 * - `failed`: the platform refused our request itself (a 4xx other than an expired token):
 *   retrying cannot help, the Chambre's staff look at `last_error`;
 * - `delegated`: handed to another context that sends it (the e-mail of the PDF, by notifications).
 */
export const TRANSMISSION_STATES = [
  'pending',
  'awaiting_configuration',
  'submitted',
  'processing',
  'rejected',
  'completed',
  'failed',
  'delegated',
] as const;
export type TransmissionState = (typeof TRANSMISSION_STATES)[number];

/** States with more to do: the sweep picks them up when their job was lost. */
export const OPEN_TRANSMISSION_STATES: readonly TransmissionState[] = [
  'pending',
  'awaiting_configuration',
  'submitted',
  'processing',
];

/**
 * The statuses of an invoice's lifecycle, as the 2027 reform names them (its codes in brackets):
 * issued (201 émise), deposited (200 déposée), made available (203 mise à disposition),
 * suspended (208), completed (209 complétée), rejected (210 refusée / 213 rejetée), approved
 * (205 approuvée: service fait, mandatée), paid (211 paiement transmis: the buyer's payment
 * order) and collected (212 encaissée: the Chambre recorded the money that settles it).
 */
export const LIFECYCLE_STATUSES = [
  'issued',
  'deposited',
  'made_available',
  'suspended',
  'completed',
  'rejected',
  'approved',
  'paid',
  'collected',
] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/** Who said it: Mutualis itself, or the channel that carried the invoice. */
export const LIFECYCLE_SOURCES = ['mutualis', 'email', 'chorus_pro', 'pa'] as const;
export type LifecycleSource = (typeof LIFECYCLE_SOURCES)[number];

/** A lifecycle status to record once (`key` says what "once" means for it). */
export interface LifecycleFact {
  status: LifecycleStatus;
  occurredAt: Date;
  reason: string | null;
  source: LifecycleSource;
  /** Unique per invoice: the same fact reported twice is recorded once. */
  key: string;
}
