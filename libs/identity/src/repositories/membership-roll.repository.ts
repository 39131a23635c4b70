import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { centsFromRow } from '@mutualis/core';

/** One organisation's membership of a year, with what a members' list names it by. */
export interface MemberRow {
  membershipId: string;
  organisationId: string;
  legalName: string;
  siret: string | null;
  rna: string | null;
  status: string;
  feeCents: number;
}

interface MemberSqlRow {
  membership_id: string;
  organisation_id: string;
  legal_name: string;
  siret: string | null;
  rna: string | null;
  status: string;
  fee_cents: string;
}

/**
 * Set-based reads and writes over the memberships of a whole year (the renewal campaign, the
 * lapse after the grace date, the admin's roll of members), so 16,600 organisations take one
 * statement, not one each. Served by memberships_year_status_org (identity migration 1796206300000).
 */
@Injectable()
export class MembershipRollRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Organisations whose membership of the year before is active and whose membership of `year`
   * is neither active already nor cancelled (a member who left is not asked to renew).
   */
  async renewableOrganisationIds(
    year: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    const rows = await manager.query<{ organisation_id: string }[]>(
      `SELECT previous.organisation_id
         FROM memberships previous
        WHERE previous.year = $1 - 1 AND previous.status = 'active'
          AND NOT EXISTS (
                SELECT 1 FROM memberships renewed
                 WHERE renewed.organisation_id = previous.organisation_id
                   AND renewed.year = $1 AND renewed.status IN ('active', 'cancelled'))
        ORDER BY previous.organisation_id`,
      [year],
    );
    return rows.map((row) => row.organisation_id);
  }

  /**
   * The pending membership a renewal invoice bills: created with its fee, or its fee updated
   * while it is still pending. A membership already active (paid meanwhile), lapsed or cancelled
   * is left as it is, so a late or repeated campaign job never takes a paid year back.
   */
  async recordPendingRenewal(
    organisationId: string,
    year: number,
    feeCents: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ id: string; status: string; feeCents: number }> {
    await manager.query(
      `INSERT INTO memberships (organisation_id, year, status, fee_cents)
       VALUES ($1, $2, 'pending', $3)
       ON CONFLICT (organisation_id, year)
       DO UPDATE SET fee_cents = EXCLUDED.fee_cents, updated_at = now()
             WHERE memberships.status = 'pending' AND memberships.fee_cents <> EXCLUDED.fee_cents`,
      [organisationId, year, feeCents],
    );
    const [row] = await manager.query<{ id: string; status: string; fee_cents: string }[]>(
      `SELECT id, status, fee_cents FROM memberships WHERE organisation_id = $1 AND year = $2`,
      [organisationId, year],
    );
    return { id: row.id, status: row.status, feeCents: centsFromRow(row.fee_cents) };
  }

  /** Those of the memberships named that are still pending become lapsed; answers those changed. */
  async lapsePending(
    year: number,
    membershipIds: string[],
    manager: EntityManager,
  ): Promise<{ membershipId: string; organisationId: string }[]> {
    const [rows] = await manager.query<[{ id: string; organisation_id: string }[], number]>(
      `UPDATE memberships SET status = 'lapsed', updated_at = now()
        WHERE id = ANY($2::uuid[]) AND year = $1 AND status = 'pending'
        RETURNING id, organisation_id`,
      [year, membershipIds],
    );
    return rows.map((row) => ({ membershipId: row.id, organisationId: row.organisation_id }));
  }

  /** A page of the year's memberships in organisation id order, after `afterOrganisationId`. */
  async membersOfYear(query: {
    year: number;
    statuses: string[] | null;
    afterOrganisationId: string | null;
    limit: number;
  }): Promise<MemberRow[]> {
    const rows = await this.dataSource.query<MemberSqlRow[]>(
      `SELECT m.id AS membership_id, m.organisation_id, o.legal_name, o.siret, o.rna,
              m.status, m.fee_cents
         FROM memberships m
         JOIN organisations o ON o.id = m.organisation_id
        WHERE m.year = $1
          AND ($2::text[] IS NULL OR m.status = ANY($2::text[]))
          AND ($3::uuid IS NULL OR m.organisation_id > $3::uuid)
        ORDER BY m.organisation_id
        LIMIT $4`,
      [query.year, query.statuses, query.afterOrganisationId, query.limit],
    );
    return rows.map((row) => ({
      membershipId: row.membership_id,
      organisationId: row.organisation_id,
      legalName: row.legal_name,
      siret: row.siret,
      rna: row.rna,
      status: row.status,
      feeCents: centsFromRow(row.fee_cents),
    }));
  }

  /** The membership by id, with its organisation and year. */
  async findById(
    membershipId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ id: string; organisationId: string; year: number; status: string } | null> {
    const [row] = await manager.query<
      { id: string; organisation_id: string; year: number; status: string }[]
    >(`SELECT id, organisation_id, year, status FROM memberships WHERE id = $1`, [membershipId]);
    return row
      ? { id: row.id, organisationId: row.organisation_id, year: row.year, status: row.status }
      : null;
  }

  /** Sets the membership cancelled (the organisation left); answers false when there is none. */
  async cancel(organisationId: string, year: number, manager: EntityManager): Promise<boolean> {
    const [, changed] = await manager.query<[unknown[], number]>(
      `UPDATE memberships SET status = 'cancelled', updated_at = now()
        WHERE organisation_id = $1 AND year = $2 AND status <> 'cancelled'`,
      [organisationId, year],
    );
    return changed > 0;
  }

  /** The membership of a year locked until the caller's transaction ends. */
  async lockForYear(
    organisationId: string,
    year: number,
    manager: EntityManager,
  ): Promise<{ id: string; status: string; feeCents: number } | null> {
    const [row] = await manager.query<{ id: string; status: string; fee_cents: string }[]>(
      `SELECT id, status, fee_cents FROM memberships
        WHERE organisation_id = $1 AND year = $2 FOR UPDATE`,
      [organisationId, year],
    );
    return row ? { id: row.id, status: row.status, feeCents: centsFromRow(row.fee_cents) } : null;
  }
}
