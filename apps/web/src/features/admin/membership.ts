import { parseEuros, TIME_ZONE } from '../../lib/format';
import type { Membership, MembershipStatus, SetMembership } from './types';

export const MEMBERSHIP_STATUSES: MembershipStatus[] = ['pending', 'active', 'lapsed'];

/** What the admin types: the year and the fee as text (euros, French or English decimals). */
export interface MembershipForm {
  year: string;
  status: MembershipStatus;
  fee: string;
}

export type MembershipFormResult =
  | { ok: true; year: number; body: SetMembership }
  | { ok: false; errors: Partial<Record<'year' | 'feeCents', 'invalidYear' | 'invalidFee'>> };

/** The membership year of a date, as the Chambre counts it (Paris calendar year). */
export function membershipYear(now: Date): number {
  return Number(
    new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: TIME_ZONE }).format(now),
  );
}

/** Cents as a person types them back ("120,00"), so that an edit starts from the stored fee. */
export function centsToEuroInput(cents: number): string {
  return `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
}

/** The form for a year: that year's stored adhésion when there is one, else a pending one. */
export function membershipFormFor(year: number, memberships: Membership[]): MembershipForm {
  const stored = memberships.find((membership) => membership.year === year);
  return {
    year: String(year),
    status: stored?.status ?? 'pending',
    fee: stored ? centsToEuroInput(stored.feeCents) : '',
  };
}

/** The form as the api's PUT body, or the fields to correct (named as the api names them). */
export function membershipRequest(form: MembershipForm): MembershipFormResult {
  const errors: Extract<MembershipFormResult, { ok: false }>['errors'] = {};
  const year = /^\d{4}$/.test(form.year.trim()) ? Number(form.year.trim()) : null;
  const feeCents = parseEuros(form.fee);
  if (year === null) errors.year = 'invalidYear';
  if (feeCents === null) errors.feeCents = 'invalidFee';
  if (year === null || feeCents === null) return { ok: false, errors };
  return { ok: true, year, body: { status: form.status, feeCents } };
}

/** Newest year first: the year being managed is at the top. */
export function sortMemberships(memberships: Membership[]): Membership[] {
  return [...memberships].sort((a, b) => b.year - a.year);
}
