import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { parisYear } from '@mutualis/core';
import { Membership } from '../entities/membership.entity';
import type { MembershipStatus } from '../identity.types';
import { MembershipRepository } from '../repositories/membership.repository';

/**
 * An organisation's standing with the Chambre (adhésion) as read once, for asking about many
 * dates (a search's sessions, a booking's service date) without a query per date.
 */
export class MembershipStanding {
  /** No organisation, or one that never was a member: every date answers no. */
  static readonly none = new MembershipStanding([]);

  private readonly activeYears: ReadonlySet<number>;

  constructor(activeYears: Iterable<number>) {
    this.activeYears = new Set(activeYears);
  }

  /** Whether the membership of the calendar year the date falls in, in Paris, is active. */
  isActiveOn(date: Date): boolean {
    return this.activeYears.has(parisYear(date));
  }

  /** The years whose membership is active, in order (none: never a member). */
  get activeYearList(): number[] {
    return [...this.activeYears].sort((a, b) => a - b);
  }
}

/**
 * The one place that reads the Chambre's membership (adhésion) of an organisation: "member"
 * means this, never belonging to an organisation.
 */
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

  /** The organisation's standing, for any number of dates. Inside a transaction, pass its manager. */
  async standingOf(organisationId: string, manager?: EntityManager): Promise<MembershipStanding> {
    return new MembershipStanding(await this.memberships.activeYears(organisationId, manager));
  }

  /**
   * Records the organisation's membership of a year (creates it or replaces its status and fee)
   * and answers the row with its id: the membership context decides, identity keeps what
   * pricing reads. Inside a transaction, pass its manager.
   */
  record(
    organisationId: string,
    year: number,
    status: MembershipStatus,
    feeCents: number,
    manager?: EntityManager,
  ): Promise<Membership> {
    return this.memberships.upsert(organisationId, year, status, feeCents, manager);
  }

  /** The organisation's membership of a year, if any. Inside a transaction, pass its manager. */
  findForYear(
    organisationId: string,
    year: number,
    manager?: EntityManager,
  ): Promise<Membership | null> {
    return this.memberships.findForYear(organisationId, year, manager);
  }

  /** Every year's membership of the organisation, latest first. */
  listForOrganisation(organisationId: string): Promise<Membership[]> {
    return this.memberships.listForOrganisation(organisationId);
  }

  /**
   * The membership `id` becomes active (its invoice is paid): from pending, or lapsed when paid
   * late. Answers the row as it was, or null when there was nothing to do (already active,
   * cancelled, unknown): redelivered events change nothing. Pass the transaction's manager.
   */
  activate(id: string, manager?: EntityManager): Promise<Membership | null> {
    return this.memberships.transition(id, ['pending', 'lapsed'], 'active', manager);
  }

  /** An active membership whose payment was undone is pending again (null: nothing to do). */
  reopen(id: string, manager?: EntityManager): Promise<Membership | null> {
    return this.memberships.transition(id, ['active'], 'pending', manager);
  }
}
