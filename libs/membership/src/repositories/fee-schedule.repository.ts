import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FeeRate } from '../entities/fee-rate.entity';
import { FeeSchedule } from '../entities/fee-schedule.entity';

export type FeeScheduleFields = Pick<
  FeeSchedule,
  | 'vatTreatment'
  | 'firstYearFeeCents'
  | 'prorataFrom'
  | 'graceUntil'
  | 'reminderDays'
  | 'finalNoticeDays'
  | 'publicBodiesActiveOnApproval'
>;

export type FeeRateFields = Pick<
  FeeRate,
  'family' | 'basis' | 'lowerBound' | 'upperBound' | 'amountCents'
>;

@Injectable()
export class FeeScheduleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The year's grid with its rates in a stable order (family, basis, lower bound). */
  async findForYear(
    chambreId: string,
    year: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<(FeeSchedule & { rates: FeeRate[] }) | null> {
    const schedule = await manager.findOne(FeeSchedule, { where: { chambreId, year } });
    if (!schedule) return null;
    const rates = await manager.find(FeeRate, {
      where: { scheduleId: schedule.id },
      order: { family: 'ASC', basis: 'ASC', lowerBound: 'ASC' },
    });
    return Object.assign(schedule, { rates });
  }

  /** The year's grid locked until the transaction ends (a replacement audits its before). */
  async lockForYear(
    chambreId: string,
    year: number,
    manager: EntityManager,
  ): Promise<(FeeSchedule & { rates: FeeRate[] }) | null> {
    const [row] = await manager.query<{ id: string }[]>(
      `SELECT id FROM membership_fee_schedules WHERE chambre_id = $1 AND year = $2 FOR UPDATE`,
      [chambreId, year],
    );
    return row ? this.findForYear(chambreId, year, manager) : null;
  }

  /**
   * Writes the year's grid: the schedule upserted on (chambre, year), its rates replaced as a
   * whole (a grid is edited as one table).
   */
  async replace(
    chambreId: string,
    year: number,
    fields: FeeScheduleFields,
    rates: FeeRateFields[],
    updatedBy: string,
    manager: EntityManager,
  ): Promise<FeeSchedule & { rates: FeeRate[] }> {
    const [{ id }] = await manager.query<{ id: string }[]>(
      `INSERT INTO membership_fee_schedules (chambre_id, year, vat_treatment, first_year_fee_cents,
         prorata_from, grace_until, reminder_days, final_notice_days,
         public_bodies_active_on_approval, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
       ON CONFLICT (chambre_id, year) DO UPDATE SET
         vat_treatment = EXCLUDED.vat_treatment,
         first_year_fee_cents = EXCLUDED.first_year_fee_cents,
         prorata_from = EXCLUDED.prorata_from,
         grace_until = EXCLUDED.grace_until,
         reminder_days = EXCLUDED.reminder_days,
         final_notice_days = EXCLUDED.final_notice_days,
         public_bodies_active_on_approval = EXCLUDED.public_bodies_active_on_approval,
         updated_by = EXCLUDED.updated_by,
         updated_at = now()
       RETURNING id`,
      [
        chambreId,
        year,
        fields.vatTreatment,
        fields.firstYearFeeCents,
        fields.prorataFrom,
        fields.graceUntil,
        fields.reminderDays,
        fields.finalNoticeDays,
        fields.publicBodiesActiveOnApproval,
        updatedBy,
      ],
    );
    await manager.query(`DELETE FROM membership_fee_rates WHERE schedule_id = $1`, [id]);
    if (rates.length > 0) {
      await manager.insert(
        FeeRate,
        rates.map((rate) => ({ ...rate, scheduleId: id })),
      );
    }
    return (await this.findForYear(chambreId, year, manager))!;
  }
}
