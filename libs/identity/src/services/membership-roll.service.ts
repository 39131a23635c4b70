import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MemberRow, MembershipRollRepository } from '../repositories/membership-roll.repository';

export type { MemberRow };

/**
 * The memberships of a whole year, for the membership context that decides them: who renews,
 * who lapses, who left, who is on the roll. Identity keeps the rows pricing reads; the rules of
 * when they change live in @mutualis/membership. Inside a transaction, pass its manager.
 */
@Injectable()
export class MembershipRollService {
  constructor(private readonly roll: MembershipRollRepository) {}

  /** Organisations active the year before whose membership of `year` is not active (nor cancelled). */
  renewableOrganisationIds(year: number, manager?: EntityManager): Promise<string[]> {
    return this.roll.renewableOrganisationIds(year, manager);
  }

  /** The pending membership a renewal bills (never takes back an active, lapsed or cancelled year). */
  recordPendingRenewal(
    organisationId: string,
    year: number,
    feeCents: number,
    manager?: EntityManager,
  ): Promise<{ id: string; status: string; feeCents: number }> {
    return this.roll.recordPendingRenewal(organisationId, year, feeCents, manager);
  }

  /** One statement: those of the memberships named still pending (unpaid) become lapsed. */
  lapsePending(
    year: number,
    membershipIds: string[],
    manager: EntityManager,
  ): Promise<{ membershipId: string; organisationId: string }[]> {
    return this.roll.lapsePending(year, membershipIds, manager);
  }

  membersOfYear(query: {
    year: number;
    statuses: string[] | null;
    afterOrganisationId: string | null;
    limit: number;
  }): Promise<MemberRow[]> {
    return this.roll.membersOfYear(query);
  }

  findById(
    membershipId: string,
    manager?: EntityManager,
  ): Promise<{ id: string; organisationId: string; year: number; status: string } | null> {
    return this.roll.findById(membershipId, manager);
  }

  /** The membership of a year, locked until the transaction ends (a cancellation decides on it). */
  lockForYear(
    organisationId: string,
    year: number,
    manager: EntityManager,
  ): Promise<{ id: string; status: string; feeCents: number } | null> {
    return this.roll.lockForYear(organisationId, year, manager);
  }

  /** The organisation left: its membership of the year is cancelled, never deleted. */
  cancel(organisationId: string, year: number, manager: EntityManager): Promise<boolean> {
    return this.roll.cancel(organisationId, year, manager);
  }
}
