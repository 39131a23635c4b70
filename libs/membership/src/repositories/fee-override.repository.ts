import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FeeOverride } from '../entities/fee-override.entity';

@Injectable()
export class FeeOverrideRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findFor(
    organisationId: string,
    year: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<FeeOverride | null> {
    return manager.findOne(FeeOverride, { where: { organisationId, year } });
  }

  /** The previous override (for the audit trail) locked, then the new one written. */
  async set(
    organisationId: string,
    year: number,
    amountCents: number,
    reason: string,
    setBy: string,
    manager: EntityManager,
  ): Promise<{ before: FeeOverride | null; after: FeeOverride }> {
    const before = await manager.findOne(FeeOverride, {
      where: { organisationId, year },
      lock: { mode: 'pessimistic_write' },
    });
    await manager.query(
      `INSERT INTO membership_fee_overrides (organisation_id, year, amount_cents, reason, set_by, set_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (organisation_id, year) DO UPDATE SET
         amount_cents = EXCLUDED.amount_cents, reason = EXCLUDED.reason,
         set_by = EXCLUDED.set_by, set_at = now()`,
      [organisationId, year, amountCents, reason, setBy],
    );
    const after = await manager.findOneOrFail(FeeOverride, { where: { organisationId, year } });
    return { before, after };
  }
}
