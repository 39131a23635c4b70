import { parseEuros } from '../../lib/format';
import type { DeliveryMode, Offering, OfferingInput, OfferingKind } from './types';
import {
  emptyPedagogyForm,
  formToPedagogy,
  pedagogyToForm,
  type PedagogyFormValues,
} from '../training/programme/pedagogy-form';

/** The départements of Provence-Alpes-Côte d'Azur, where the Chambre's members are. */
export const PACA_DEPARTMENTS = ['04', '05', '06', '13', '83', '84'] as const;
export const OFFERING_KINDS: OfferingKind[] = ['training', 'consultation'];
export const DELIVERY_MODES: DeliveryMode[] = ['on_site', 'remote', 'hybrid'];
/** The api accepts at most this many refund tiers. */
export const MAX_TIERS = 5;

export interface TierValues {
  daysBefore: string;
  refundPercent: string;
}

/** What the form holds: text as typed, so that a half-typed amount is never lost. */
export interface OfferingFormValues {
  title: string;
  summary: string;
  description: string;
  categorySlug: string;
  kind: OfferingKind;
  deliveryMode: DeliveryMode;
  departments: string[];
  durationMinutes: string;
  memberPrice: string;
  nonMemberPrice: string;
  tiers: TierValues[];
  maxSeatsPerOrganisation: string;
  /** A training's pedagogical content (sent for trainings only). */
  pedagogy: PedagogyFormValues;
}

/** Field errors keyed by the api's field paths, so local checks and api answers share them. */
export type FieldErrors = Record<string, string>;

/** A form read for the api: what to send, or the fields that cannot be sent as typed. */
export type Checked<T> =
  { input: T; errors?: undefined } | { input?: undefined; errors: FieldErrors };

export function emptyOfferingForm(): OfferingFormValues {
  return {
    title: '',
    summary: '',
    description: '',
    categorySlug: '',
    kind: 'training',
    deliveryMode: 'on_site',
    departments: [],
    durationMinutes: '420',
    memberPrice: '',
    nonMemberPrice: '',
    // The api's default policy, shown so that the consultant sees what applies.
    tiers: [
      { daysBefore: '14', refundPercent: '100' },
      { daysBefore: '7', refundPercent: '50' },
    ],
    maxSeatsPerOrganisation: '',
    pedagogy: emptyPedagogyForm(),
  };
}

/** Cents as a person types euros: "180", "180,50". */
export function centsToEuroText(cents: number): string {
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(euros) : `${euros},${String(rest).padStart(2, '0')}`;
}

export function offeringToForm(offering: Offering): OfferingFormValues {
  return {
    title: offering.title,
    summary: offering.summary,
    description: offering.description,
    categorySlug: offering.categorySlug,
    kind: offering.kind,
    deliveryMode: offering.deliveryMode,
    departments: [...offering.departments],
    durationMinutes: String(offering.durationMinutes),
    memberPrice: centsToEuroText(offering.memberPriceCents),
    nonMemberPrice: centsToEuroText(offering.nonMemberPriceCents),
    tiers: offering.cancellationPolicy.tiers.map((tier) => ({
      daysBefore: String(tier.daysBefore),
      refundPercent: String(tier.refundPercent),
    })),
    maxSeatsPerOrganisation:
      offering.maxSeatsPerOrganisation === null ? '' : String(offering.maxSeatsPerOrganisation),
    pedagogy: pedagogyToForm(offering.pedagogy),
  };
}

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * The form as the api's CreateOfferingDto (also a full UpdateOfferingDto), or the fields that
 * cannot be sent as typed. The api checks the rest (lengths, ranges, tier order) and answers
 * field errors under the same keys. Messages are in the api's words; <Field> shows them in French.
 */
export function formToOfferingInput(values: OfferingFormValues): Checked<OfferingInput> {
  const errors: FieldErrors = {};
  const memberPriceCents = parseEuros(values.memberPrice);
  const nonMemberPriceCents = parseEuros(values.nonMemberPrice);
  const durationMinutes = wholeNumber(values.durationMinutes);
  const maxSeats = values.maxSeatsPerOrganisation.trim()
    ? wholeNumber(values.maxSeatsPerOrganisation)
    : null;
  if (memberPriceCents === null) errors.memberPriceCents = 'must be a number';
  if (nonMemberPriceCents === null) errors.nonMemberPriceCents = 'must be a number';
  if (durationMinutes === null) errors.durationMinutes = 'must be an integer number';
  if (values.maxSeatsPerOrganisation.trim() && maxSeats === null) {
    errors.maxSeatsPerOrganisation = 'must be an integer number';
  }
  if (!values.categorySlug) errors.categorySlug = 'should not be empty';
  if (values.departments.length === 0) errors.departments = 'should not be empty';
  const tiers = values.tiers.map((tier, index) => {
    const daysBefore = wholeNumber(tier.daysBefore);
    const refundPercent = wholeNumber(tier.refundPercent);
    if (daysBefore === null) {
      errors[`cancellationPolicy.tiers.${index}.daysBefore`] = 'must be an integer number';
    }
    if (refundPercent === null) {
      errors[`cancellationPolicy.tiers.${index}.refundPercent`] = 'must be an integer number';
    }
    return { daysBefore: daysBefore ?? 0, refundPercent: refundPercent ?? 0 };
  });
  if (Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      title: values.title.trim(),
      summary: values.summary.trim(),
      description: values.description,
      categorySlug: values.categorySlug,
      kind: values.kind,
      deliveryMode: values.deliveryMode,
      // In the order of the list, whatever order they were ticked in; any other kept after them.
      departments: [
        ...PACA_DEPARTMENTS.filter((code) => values.departments.includes(code)),
        ...values.departments.filter(
          (code) => !(PACA_DEPARTMENTS as readonly string[]).includes(code),
        ),
      ],
      durationMinutes: durationMinutes!,
      memberPriceCents: memberPriceCents!,
      nonMemberPriceCents: nonMemberPriceCents!,
      cancellationPolicy: { tiers },
      maxSeatsPerOrganisation: maxSeats,
      pedagogy: values.kind === 'training' ? formToPedagogy(values.pedagogy) : null,
    },
  };
}
