import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface ClosedPeriod {
  /** `YYYY-MM` */
  period: string;
  closedAt: Date;
  closedBy: string | null;
}

/** The months the Chambre has closed: a row each, never removed. */
@Injectable()
export class PeriodRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The latest closed period (`YYYY-MM`): every month up to it is closed. */
  async closedThrough(
    chambreId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const [row] = await manager.query<{ period: string | null }[]>(
      `SELECT to_char(max(period), 'YYYY-MM') AS period FROM accounting_closed_periods WHERE chambre_id = $1`,
      [chambreId],
    );
    return row?.period ?? null;
  }

  async closedBetween(chambreId: string, from: string, to: string): Promise<ClosedPeriod[]> {
    const rows = await this.dataSource.query<
      { period: string; closed_at: Date; closed_by: string | null }[]
    >(
      `SELECT to_char(period, 'YYYY-MM') AS period, closed_at, closed_by
         FROM accounting_closed_periods
        WHERE chambre_id = $1 AND period BETWEEN $2 AND $3
        ORDER BY period`,
      [chambreId, from, to],
    );
    return rows.map((row) => ({
      period: row.period,
      closedAt: row.closed_at,
      closedBy: row.closed_by,
    }));
  }

  async close(
    chambreId: string,
    period: string,
    closedBy: string,
    manager: EntityManager,
  ): Promise<ClosedPeriod> {
    const [row] = await manager.query<{ closed_at: Date }[]>(
      `INSERT INTO accounting_closed_periods (chambre_id, period, closed_by)
       VALUES ($1, $2, $3) RETURNING closed_at`,
      [chambreId, `${period}-01`, closedBy],
    );
    return { period, closedAt: row.closed_at, closedBy };
  }
}
