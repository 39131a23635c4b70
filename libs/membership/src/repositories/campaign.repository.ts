import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type CampaignItemStatus = 'pending' | 'issued' | 'failed' | 'skipped';

export interface CampaignRow {
  id: string;
  chambreId: string;
  year: number;
  status: 'running' | 'completed';
  launchedAt: Date;
  completedAt: Date | null;
}

export interface CampaignCounts {
  total: number;
  pending: number;
  issued: number;
  failed: number;
  skipped: number;
}

export interface CampaignFailure {
  organisationId: string;
  error: string;
}

interface CampaignSqlRow {
  id: string;
  chambre_id: string;
  year: number;
  status: 'running' | 'completed';
  launched_at: Date;
  completed_at: Date | null;
}

const CAMPAIGN_COLUMNS = 'id, chambre_id, year, status, launched_at, completed_at';

function toCampaign(row: CampaignSqlRow): CampaignRow {
  return {
    id: row.id,
    chambreId: row.chambre_id,
    year: row.year,
    status: row.status,
    launchedAt: row.launched_at,
    completedAt: row.completed_at,
  };
}

/**
 * The yearly renewal campaigns and their one row per organisation. Set-based on purpose: a
 * campaign of 16,600 organisations is created in one INSERT … SELECT and counted in one query.
 */
@Injectable()
export class CampaignRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The year's campaign, created unless it exists: two launches at once both land here, one
   * inserts, both read the same row (the unique (chambre_id, year) decides).
   */
  async createOrGet(
    chambreId: string,
    year: number,
    launchedBy: string,
    manager: EntityManager,
  ): Promise<{ campaign: CampaignRow; created: boolean }> {
    const inserted = await manager.query<CampaignSqlRow[]>(
      `INSERT INTO membership_campaigns (chambre_id, year, launched_by)
       VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT membership_campaigns_year_key DO NOTHING
       RETURNING ${CAMPAIGN_COLUMNS}`,
      [chambreId, year, launchedBy],
    );
    if (inserted[0]) return { campaign: toCampaign(inserted[0]), created: true };
    const [existing] = await manager.query<CampaignSqlRow[]>(
      `SELECT ${CAMPAIGN_COLUMNS} FROM membership_campaigns WHERE chambre_id = $1 AND year = $2`,
      [chambreId, year],
    );
    return { campaign: toCampaign(existing), created: false };
  }

  /** One INSERT … SELECT for the whole list; organisations already listed are left as they are. */
  async addItems(
    campaignId: string,
    organisationIds: string[],
    manager: EntityManager,
  ): Promise<number> {
    if (organisationIds.length === 0) return 0;
    // Counted in SQL: the driver answers an INSERT with its rows only, not its row count.
    const [{ inserted }] = await manager.query<{ inserted: number }[]>(
      `WITH inserted AS (
         INSERT INTO membership_campaign_items (campaign_id, organisation_id)
         SELECT $1, organisation_id FROM unnest($2::uuid[]) AS organisation_id
         ON CONFLICT (campaign_id, organisation_id) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS inserted FROM inserted`,
      [campaignId, organisationIds],
    );
    return inserted;
  }

  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CampaignRow | null> {
    const [row] = await manager.query<CampaignSqlRow[]>(
      `SELECT ${CAMPAIGN_COLUMNS} FROM membership_campaigns WHERE id = $1`,
      [id],
    );
    return row ? toCampaign(row) : null;
  }

  async findByYear(chambreId: string, year: number): Promise<CampaignRow | null> {
    const [row] = await this.dataSource.query<CampaignSqlRow[]>(
      `SELECT ${CAMPAIGN_COLUMNS} FROM membership_campaigns WHERE chambre_id = $1 AND year = $2`,
      [chambreId, year],
    );
    return row ? toCampaign(row) : null;
  }

  /** The campaign of a year runs again (new items, or failures sent back): it is not complete. */
  async reopen(id: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE membership_campaigns SET status = 'running', completed_at = NULL
        WHERE id = $1 AND status = 'completed'`,
      [id],
    );
  }

  /** Completes the campaign once no item is pending; answers whether this call completed it. */
  async completeIfDone(id: string): Promise<boolean> {
    const [, changed] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE membership_campaigns SET status = 'completed', completed_at = now()
        WHERE id = $1 AND status = 'running'
          AND NOT EXISTS (SELECT 1 FROM membership_campaign_items
                           WHERE campaign_id = $1 AND status = 'pending')`,
      [id],
    );
    return changed > 0;
  }

  async counts(id: string): Promise<CampaignCounts> {
    const rows = await this.dataSource.query<{ status: CampaignItemStatus; count: string }[]>(
      `SELECT status, count(*) AS count FROM membership_campaign_items
        WHERE campaign_id = $1 GROUP BY status`,
      [id],
    );
    const counts: CampaignCounts = { total: 0, pending: 0, issued: 0, failed: 0, skipped: 0 };
    for (const row of rows) {
      counts[row.status] = Number(row.count);
      counts.total += Number(row.count);
    }
    return counts;
  }

  /** The first failures, in organisation order, for the admin to read and fix. */
  async failures(id: string, limit: number): Promise<CampaignFailure[]> {
    const rows = await this.dataSource.query<{ organisation_id: string; error: string | null }[]>(
      `SELECT organisation_id, error FROM membership_campaign_items
        WHERE campaign_id = $1 AND status = 'failed'
        ORDER BY organisation_id LIMIT $2`,
      [id, limit],
    );
    return rows.map((row) => ({ organisationId: row.organisation_id, error: row.error ?? '' }));
  }

  /** The pending items' organisations, in pages, for the batch jobs. */
  async pendingOrganisationIds(id: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ organisation_id: string }[]>(
      `SELECT organisation_id FROM membership_campaign_items
        WHERE campaign_id = $1 AND status = 'pending' ORDER BY organisation_id`,
      [id],
    );
    return rows.map((row) => row.organisation_id);
  }

  async hasPending(id: string, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM membership_campaign_items WHERE campaign_id = $1 AND status = 'pending' LIMIT 1`,
      [id],
    );
    return rows.length > 0;
  }

  /** Failed items go back to pending (their attempts kept); answers how many. */
  async failedBackToPending(id: string, manager: EntityManager): Promise<number> {
    const [, changed] = await manager.query<[unknown[], number]>(
      `UPDATE membership_campaign_items SET status = 'pending', error = NULL, updated_at = now()
        WHERE campaign_id = $1 AND status = 'failed'`,
      [id],
    );
    return changed;
  }

  /** The items of a batch still pending (others were done by an earlier or concurrent job). */
  async stillPending(id: string, organisationIds: string[]): Promise<string[]> {
    const rows = await this.dataSource.query<{ organisation_id: string }[]>(
      `SELECT organisation_id FROM membership_campaign_items
        WHERE campaign_id = $1 AND organisation_id = ANY($2::uuid[]) AND status = 'pending'
        ORDER BY organisation_id`,
      [id, organisationIds],
    );
    return rows.map((row) => row.organisation_id);
  }

  /** Records an item's outcome; an outcome already recorded as issued is never overwritten. */
  async settle(
    id: string,
    organisationId: string,
    outcome:
      | { status: 'issued'; invoiceId: string }
      | { status: 'skipped'; reason: string }
      | { status: 'failed'; error: string },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE membership_campaign_items
          SET status = $3,
              invoice_id = COALESCE($4::uuid, invoice_id),
              error = $5,
              attempts = attempts + 1,
              updated_at = now()
        WHERE campaign_id = $1 AND organisation_id = $2 AND status <> 'issued'`,
      [
        id,
        organisationId,
        outcome.status,
        outcome.status === 'issued' ? outcome.invoiceId : null,
        outcome.status === 'failed'
          ? outcome.error.slice(0, 1000)
          : outcome.status === 'skipped'
            ? outcome.reason
            : null,
      ],
    );
  }

  /** The renewal invoices of campaigns (issued items), for their reminders. */
  async issuedInvoiceIds(): Promise<{ invoiceId: string; organisationId: string; year: number }[]> {
    const rows = await this.dataSource.query<
      { invoice_id: string; organisation_id: string; year: number }[]
    >(
      `SELECT i.invoice_id, i.organisation_id, c.year
         FROM membership_campaign_items i
         JOIN membership_campaigns c ON c.id = i.campaign_id
        WHERE i.status = 'issued' AND i.invoice_id IS NOT NULL`,
    );
    return rows.map((row) => ({
      invoiceId: row.invoice_id,
      organisationId: row.organisation_id,
      year: row.year,
    }));
  }

  /** Whether the organisation's membership of the year is renewed by a campaign (it has an item). */
  async isRenewal(organisationId: string, year: number): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM membership_campaign_items i
         JOIN membership_campaigns c ON c.id = i.campaign_id
        WHERE i.organisation_id = $1 AND c.year = $2`,
      [organisationId, year],
    );
    return rows.length > 0;
  }
}
