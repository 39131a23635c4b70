import { Injectable } from '@nestjs/common';
import {
  Actor,
  MembershipService,
  MembershipStanding,
  OrganisationAccessService,
} from '@mutualis/identity';
import { Offering } from '../entities/offering.entity';

/** Whose price the caller sees: their organisation's, when there is one to speak of. */
export interface PriceContext {
  organisationId: string | null;
  membership: MembershipStanding;
}

export interface AppliedPrice {
  /** Excluding VAT, in cents. */
  unitPriceCents: number;
  memberPrice: boolean;
}

export const ANONYMOUS_PRICING: PriceContext = {
  organisationId: null,
  membership: MembershipStanding.none,
};

/**
 * The one home of the price rule: the member price applies when the organisation's membership
 * is active on the date of the service (the year it falls in, in Paris); otherwise, and for
 * visitors, the non-member price. Catalogue pages and the booking's snapshot both ask here.
 */
@Injectable()
export class PricingService {
  constructor(
    private readonly memberships: MembershipService,
    private readonly access: OrganisationAccessService,
  ) {}

  /**
   * The pricing context of a caller: the organisation they name (which they must belong to),
   * else their only organisation; anonymous callers and people of several organisations who
   * name none see non-member prices.
   */
  async contextFor(actor: Actor | null, organisationId?: string): Promise<PriceContext> {
    if (!actor) return ANONYMOUS_PRICING;
    let chosen = organisationId ?? null;
    if (chosen) await this.access.assertBelongsTo(actor, chosen);
    else {
      const organisations = await this.access.organisationsOf(actor.userId);
      chosen = organisations.length === 1 ? organisations[0] : null;
    }
    if (!chosen) return ANONYMOUS_PRICING;
    return { organisationId: chosen, membership: await this.memberships.standingOf(chosen) };
  }

  /** Whether the member price applies on that date (search filters on the price column by it). */
  memberPriceAppliesOn(date: Date, context: Pick<PriceContext, 'membership'>): boolean {
    return context.membership.isActiveOn(date);
  }

  priceOn(
    offering: Pick<Offering, 'memberPriceCents' | 'nonMemberPriceCents'>,
    date: Date,
    context: Pick<PriceContext, 'membership'>,
  ): AppliedPrice {
    const member = this.memberPriceAppliesOn(date, context);
    return {
      unitPriceCents: member ? offering.memberPriceCents : offering.nonMemberPriceCents,
      memberPrice: member,
    };
  }
}
