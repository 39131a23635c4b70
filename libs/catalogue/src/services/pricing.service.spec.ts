import {
  MembershipService,
  MembershipStanding,
  OrganisationAccessService,
} from '@mutualis/identity';
import { ANONYMOUS_PRICING, PricingService } from './pricing.service';

describe('PricingService.priceOn', () => {
  const pricing = new PricingService({} as MembershipService, {} as OrganisationAccessService);
  const offering = { memberPriceCents: 12_000, nonMemberPriceCents: 18_000 };
  const member2026 = { membership: new MembershipStanding([2026]) };

  it('applies the member price when the membership of the service date’s year is active', () => {
    expect(pricing.priceOn(offering, new Date('2026-06-15T08:00:00Z'), member2026)).toEqual({
      unitPriceCents: 12_000,
      memberPrice: true,
    });
  });

  it('applies the non-member price on a date of another year, whatever the year of booking', () => {
    expect(pricing.priceOn(offering, new Date('2027-02-01T08:00:00Z'), member2026)).toEqual({
      unitPriceCents: 18_000,
      memberPrice: false,
    });
  });

  it('counts the year in Paris: New Year’s Eve 23:30 UTC is already the next year', () => {
    const lateOnNewYearsEve = new Date('2026-12-31T23:30:00Z');
    expect(pricing.priceOn(offering, lateOnNewYearsEve, member2026).memberPrice).toBe(false);
    const member2027 = { membership: new MembershipStanding([2027]) };
    expect(pricing.priceOn(offering, lateOnNewYearsEve, member2027).memberPrice).toBe(true);
  });

  it('gives visitors and organisations without a membership the non-member price', () => {
    expect(pricing.priceOn(offering, new Date('2026-06-15T08:00:00Z'), ANONYMOUS_PRICING)).toEqual({
      unitPriceCents: 18_000,
      memberPrice: false,
    });
  });
});
