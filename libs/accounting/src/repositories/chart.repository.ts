import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AccountRole } from '../journal/entry-draft';

export interface ChartAccount {
  role: AccountRole;
  /** 0 except for the VAT roles. */
  vatRateBasisPoints: number;
  number: string;
  label: string;
  updatedAt: Date;
}

/** The chart of accounts the Chambre configures, by role. */
@Injectable()
export class ChartRepository {
  async accounts(chambreId: string, manager: EntityManager): Promise<ChartAccount[]> {
    const rows = await manager.query<ChartRow[]>(
      `SELECT role, vat_rate_basis_points, number, label, updated_at
         FROM accounting_accounts WHERE chambre_id = $1
        ORDER BY number, role, vat_rate_basis_points`,
      [chambreId],
    );
    return rows.map((row) => ({
      role: row.role,
      vatRateBasisPoints: row.vat_rate_basis_points,
      number: row.number,
      label: row.label,
      updatedAt: row.updated_at,
    }));
  }

  /** The chart locked until the caller's transaction ends, to record a change with its before. */
  async lockAccounts(chambreId: string, manager: EntityManager): Promise<ChartAccount[]> {
    await manager.query(`SELECT 1 FROM accounting_accounts WHERE chambre_id = $1 FOR UPDATE`, [
      chambreId,
    ]);
    return this.accounts(chambreId, manager);
  }

  /** Sets one account's number and label, adding the account when it is a VAT rate not yet charted. */
  async save(
    chambreId: string,
    account: Pick<ChartAccount, 'role' | 'vatRateBasisPoints' | 'number' | 'label'>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO accounting_accounts (chambre_id, role, vat_rate_basis_points, number, label)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (chambre_id, role, vat_rate_basis_points)
       DO UPDATE SET number = EXCLUDED.number, label = EXCLUDED.label, updated_at = now()`,
      [chambreId, account.role, account.vatRateBasisPoints, account.number, account.label],
    );
  }
}

interface ChartRow {
  role: AccountRole;
  vat_rate_basis_points: number;
  number: string;
  label: string;
  updated_at: Date;
}
