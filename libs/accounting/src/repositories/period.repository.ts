import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The months the Chambre has closed. */
@Injectable()
export class PeriodRepository {
  /** The latest closed period (`YYYY-MM`): every month up to it is closed. */
  async closedThrough(chambreId: string, manager: EntityManager): Promise<string | null> {
    const [row] = await manager.query<{ period: string | null }[]>(
      `SELECT to_char(max(period), 'YYYY-MM') AS period FROM accounting_closed_periods WHERE chambre_id = $1`,
      [chambreId],
    );
    return row?.period ?? null;
  }
}
