import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Membership } from '../entities/membership.entity';
import type { MembershipStatus } from '../identity.types';

@Injectable()
export class MembershipRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findForYear(
    organisationId: string,
    year: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Membership | null> {
    return manager.findOne(Membership, { where: { organisationId, year } });
  }

  /** The memberships of several organisations for one year, keyed by organisation. */
  async mapForYear(organisationIds: string[], year: number): Promise<Map<string, Membership>> {
    if (organisationIds.length === 0) return new Map();
    const rows = await this.dataSource.manager.find(Membership, {
      where: { organisationId: In(organisationIds), year },
    });
    return new Map(rows.map((membership) => [membership.organisationId, membership]));
  }

  /** The calendar years in which the organisation's membership is active. */
  async activeYears(
    organisationId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number[]> {
    const rows = await manager.find(Membership, {
      select: { year: true },
      where: { organisationId, status: 'active' },
      order: { year: 'ASC' },
    });
    return rows.map((membership) => membership.year);
  }

  listForOrganisation(organisationId: string): Promise<Membership[]> {
    return this.dataSource.manager.find(Membership, {
      where: { organisationId },
      order: { year: 'DESC' },
    });
  }

  /** Sets the membership of a year, creating it or replacing its status and fee, in one statement. */
  async upsert(
    organisationId: string,
    year: number,
    status: MembershipStatus,
    feeCents: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Membership> {
    await manager.query(
      `INSERT INTO memberships (organisation_id, year, status, fee_cents)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (organisation_id, year)
       DO UPDATE SET status = EXCLUDED.status, fee_cents = EXCLUDED.fee_cents, updated_at = now()`,
      [organisationId, year, status, feeCents],
    );
    return (await manager.findOne(Membership, { where: { organisationId, year } }))!;
  }

  /** A pending membership for the year, unless one exists (a new organisation asks to join). */
  async createPendingIfAbsent(
    organisationId: string,
    year: number,
    manager: EntityManager,
  ): Promise<Membership> {
    await manager.query(
      `INSERT INTO memberships (organisation_id, year, status, fee_cents)
       VALUES ($1, $2, 'pending', 0)
       ON CONFLICT (organisation_id, year) DO NOTHING`,
      [organisationId, year],
    );
    return (await manager.findOne(Membership, { where: { organisationId, year } }))!;
  }

  /**
   * Moves the membership `id` to `to` only from one of `from`, in one statement: answers the row
   * as it was before when it moved, null when it was not in `from` (already done, or never).
   */
  async transition(
    id: string,
    from: MembershipStatus[],
    to: MembershipStatus,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Membership | null> {
    const before = await manager.findOne(Membership, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!before || !from.includes(before.status)) return null;
    await manager.update(Membership, { id }, { status: to });
    return before;
  }
}
