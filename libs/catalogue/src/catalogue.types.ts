export const OFFERING_KINDS = ['training', 'consultation'] as const;
export type OfferingKind = (typeof OFFERING_KINDS)[number];

export const DELIVERY_MODES = ['on_site', 'remote', 'hybrid'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

// The offering's VAT regime (its `vatTreatment`) is one of the closed list in vat-regimes.ts.
export { VAT_TREATMENTS, type VatTreatment } from './vat-regimes';

export const OFFERING_STATUSES = [
  'draft',
  'submitted',
  'published',
  'rejected',
  'archived',
] as const;
export type OfferingStatus = (typeof OFFERING_STATUSES)[number];

export const SESSION_STATUSES = ['scheduled', 'cancelled', 'completed'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SLOT_STATUSES = ['open', 'booked', 'cancelled'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

/** A refund tier: cancelling at least `daysBefore` days before the start refunds `refundPercent`. */
export interface RefundTier {
  daysBefore: number;
  refundPercent: number;
}

/** Tiers from the earliest cancellation to the latest; later than every tier refunds nothing. */
export interface CancellationPolicy {
  tiers: RefundTier[];
}

/** Full refund until 14 days before the start, half until 7 days, nothing after. */
export const DEFAULT_CANCELLATION_POLICY: CancellationPolicy = {
  tiers: [
    { daysBefore: 14, refundPercent: 100 },
    { daysBefore: 7, refundPercent: 50 },
  ],
};
