import { Injectable } from '@nestjs/common';
import { parisYear } from '@mutualis/core';
import { MembershipRepository } from '../repositories/membership.repository';

/** The one rule the rest of the system asks about the Chambre's membership (adhésion). */
@Injectable()
export class MembershipService {
  constructor(private readonly memberships: MembershipRepository) {}

  /**
   * Whether the organisation is a member on that date: its membership of the calendar year
   * the date falls in, in Paris, is active. Pending and lapsed memberships do not count.
   */
  async isMember(organisationId: string, date: Date): Promise<boolean> {
    const membership = await this.memberships.findForYear(organisationId, parisYear(date));
    return membership?.status === 'active';
  }
}
