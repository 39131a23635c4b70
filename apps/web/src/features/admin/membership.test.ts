import { describe, expect, it } from 'vitest';
import {
  centsToEuroInput,
  membershipFormFor,
  membershipRequest,
  membershipYear,
  sortMemberships,
} from './membership';
import type { Membership } from './types';

const stored = (year: number, status: Membership['status'], feeCents: number): Membership => ({
  organisationId: 'org-1',
  year,
  status,
  feeCents,
  currency: 'EUR',
  updatedAt: '2026-01-05T10:00:00Z',
});

describe('membership form', () => {
  it('turns the fee typed in euros into integer cents', () => {
    expect(membershipRequest({ year: '2026', status: 'active', fee: '300,50' })).toEqual({
      ok: true,
      year: 2026,
      body: { status: 'active', feeCents: 30_050 },
    });
    expect(membershipRequest({ year: ' 2027 ', status: 'pending', fee: '1 200 €' })).toEqual({
      ok: true,
      year: 2027,
      body: { status: 'pending', feeCents: 120_000 },
    });
  });

  it('names the fields to correct instead of sending a wrong amount or year', () => {
    expect(membershipRequest({ year: '26', status: 'active', fee: '12,345' })).toEqual({
      ok: false,
      errors: { year: 'invalidYear', feeCents: 'invalidFee' },
    });
    expect(membershipRequest({ year: '2026', status: 'active', fee: '' })).toEqual({
      ok: false,
      errors: { feeCents: 'invalidFee' },
    });
  });

  it('starts from the stored adhésion of the year, or a pending one without a fee', () => {
    const memberships = [stored(2025, 'active', 12_000), stored(2026, 'lapsed', 4_505)];
    expect(membershipFormFor(2026, memberships)).toEqual({
      year: '2026',
      status: 'lapsed',
      fee: '45,05',
    });
    expect(membershipFormFor(2027, memberships)).toEqual({
      year: '2027',
      status: 'pending',
      fee: '',
    });
  });

  it('writes cents back as euros with two decimals', () => {
    expect(centsToEuroInput(0)).toBe('0,00');
    expect(centsToEuroInput(12_000)).toBe('120,00');
  });

  it('counts the year in Paris: New Year’s Eve at 23:30 UTC is already the next year', () => {
    expect(membershipYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
    expect(membershipYear(new Date('2026-06-01T12:00:00Z'))).toBe(2026);
  });

  it('lists the newest year first', () => {
    const sorted = sortMemberships([stored(2024, 'active', 1), stored(2026, 'active', 1)]);
    expect(sorted.map((membership) => membership.year)).toEqual([2026, 2024]);
  });
});
