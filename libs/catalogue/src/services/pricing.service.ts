import { Injectable } from '@nestjs/common';
import {
  Actor,
  isMemberOn,
  MembershipService,
  OrganisationAccessService,
} from '@mutualis/identity';
import { Offering } from '../entities/offering.entity';

/** Whose price the caller sees: their organisation's, when there is one to speak of. */
export interface PriceContext {
  organisationId: string | null;
  activeYears: Set<number>;
}

export interface AppliedPrice {
  /** Excluding VAT, in cents. */
  unitPriceCents: number;
  memberPrice: boolean;
}

export const ANONYMOUS_PRICING: PriceContext = { organisationId: null, activeYears: new Set() };

/**
 * The member price applies when the organisation's membership is active on the date of the
 * session (the year it falls in, in Paris); otherwise, and for visitors, the non-member price.
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
    if (chosen) await this.access.assertIsMember(actor, chosen);
    else {
      const organisations = await this.access.organisationsOf(actor.userId);
      chosen = organisations.length === 1 ? organisations[0] : null;
    }
    if (!chosen) return ANONYMOUS_PRICING;
    return { organisationId: chosen, activeYears: await this.memberships.activeYears(chosen) };
  }

  priceOn(
    offering: Pick<Offering, 'memberPriceCents' | 'nonMemberPriceCents'>,
    date: Date,
    context: PriceContext,
  ): AppliedPrice {
    const member = isMemberOn(context.activeYears, date);
    return {
      unitPriceCents: member ? offering.memberPriceCents : offering.nonMemberPriceCents,
      memberPrice: member,
    };
  }
}
