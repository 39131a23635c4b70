import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { centsFromRow } from '@mutualis/core';

export interface CancellationRow {
  membershipId: string;
  organisationId: string;
  year: number;
  reason: string;
  creditNoteId: string | null;
  creditedCents: number;
  creditRequested: boolean;
  cancelledAt: Date;
}

interface SqlRow {
  membership_id: string;
  organisation_id: string;
  year: number;
  reason: string;
  credit_note_id: string | null;
  credited_cents: string;
  credit_requested_at: Date | null;
  cancelled_at: Date;
}

const COLUMNS =
  'membership_id, organisation_id, year, reason, credit_note_id, credited_cents, credit_requested_at, cancelled_at';

function toRow(row: SqlRow): CancellationRow {
  return {
    membershipId: row.membership_id,
    organisationId: row.organisation_id,
    year: row.year,
    reason: row.reason,
    creditNoteId: row.credit_note_id,
    creditedCents: centsFromRow(row.credited_cents),
    creditRequested: row.credit_requested_at !== null,
    cancelledAt: row.cancelled_at,
  };
}

/** Memberships cancelled (the organisation left), once each, with the credit note they gave. */
@Injectable()
export class CancellationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertIfAbsent(
    cancellation: {
      membershipId: string;
      chambreId: string;
      organisationId: string;
      year: number;
      reason: string;
      invoiceId: string | null;
      cancelledBy: string;
    },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO membership_cancellations
         (membership_id, chambre_id, organisation_id, year, reason, invoice_id, cancelled_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (membership_id) DO NOTHING`,
      [
        cancellation.membershipId,
        cancellation.chambreId,
        cancellation.organisationId,
        cancellation.year,
        cancellation.reason,
        cancellation.invoiceId,
        cancellation.cancelledBy,
      ],
    );
  }

  async find(membershipId: string): Promise<CancellationRow | null> {
    const [row] = await this.dataSource.query<SqlRow[]>(
      `SELECT ${COLUMNS} FROM membership_cancellations WHERE membership_id = $1`,
      [membershipId],
    );
    return row ? toRow(row) : null;
  }

  /** Claims the right to ask for the credit note: true for exactly one caller. */
  async claimCredit(membershipId: string): Promise<boolean> {
    const [, claimed] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE membership_cancellations SET credit_requested_at = now()
        WHERE membership_id = $1 AND credit_requested_at IS NULL`,
      [membershipId],
    );
    return claimed > 0;
  }

  /** The credit note could not be asked for: the next cancel call tries again. */
  async releaseCredit(membershipId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE membership_cancellations SET credit_requested_at = NULL
        WHERE membership_id = $1 AND credit_note_id IS NULL`,
      [membershipId],
    );
  }

  async recordCredit(
    membershipId: string,
    creditNoteId: string | null,
    cents: number,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE membership_cancellations SET credit_note_id = $2, credited_cents = $3
        WHERE membership_id = $1`,
      [membershipId, creditNoteId, cents],
    );
  }
}
