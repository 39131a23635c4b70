import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { parisYear } from '@mutualis/core';
import { MembershipRepository } from '../repositories/membership.repository';

/** The one rule the rest of the system asks about the Chambre's membership (adhésion). */
@Injectable()
export class MembershipService {
  constructor(private readonly memberships: MembershipRepository) {}

  /**
   * Whether the organisation is a member on that date: its membership of the calendar year
   * the date falls in, in Paris, is active. Pending and lapsed memberships do not count.
   * Inside a transaction, pass its manager: a second connection there can starve the pool.
   */
  async isMember(organisationId: string, date: Date, manager?: EntityManager): Promise<boolean> {
    const membership = await this.memberships.findForYear(organisationId, parisYear(date), manager);
    return membership?.status === 'active';
  }

  /**
   * The calendar years in which the organisation's membership is active, read once, for
   * pricing many dates (search results) without a query per date.
   */
  async activeYears(organisationId: string): Promise<Set<number>> {
    const memberships = await this.memberships.listForOrganisation(organisationId);
    return new Set(
      memberships.filter((membership) => membership.status === 'active').map((m) => m.year),
    );
  }
}

/** Whether an instant falls in one of the active years, counted in Paris. */
export function isMemberOn(activeYears: Set<number>, date: Date): boolean {
  return activeYears.has(parisYear(date));
}
