import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** What the year's fee schedule says about chasing and lapsing (the grid itself is FeeCalculator's). */
export interface RenewalTerms {
  year: number;
  reminderDays: number[];
  finalNoticeDays: number;
  /** ISO date; unpaid memberships lapse the day after. Null: they never lapse. */
  graceUntil: string | null;
}

interface TermsRow {
  year: number;
  reminder_days: number[];
  final_notice_days: number;
  grace_until: string | null;
}

function toTerms(row: TermsRow): RenewalTerms {
  return {
    year: row.year,
    reminderDays: [...row.reminder_days].sort((a, b) => a - b),
    finalNoticeDays: row.final_notice_days,
    graceUntil: row.grace_until,
  };
}

@Injectable()
export class RenewalTermsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forYear(chambreId: string, year: number): Promise<RenewalTerms | null> {
    const [row] = await this.dataSource.query<TermsRow[]>(
      `SELECT year, reminder_days, final_notice_days, grace_until::text
         FROM membership_fee_schedules WHERE chambre_id = $1 AND year = $2`,
      [chambreId, year],
    );
    return row ? toTerms(row) : null;
  }

  /** The years whose grace date is before `today` (an ISO date in Paris). */
  async graceEndedBefore(chambreId: string, today: string): Promise<RenewalTerms[]> {
    const rows = await this.dataSource.query<TermsRow[]>(
      `SELECT year, reminder_days, final_notice_days, grace_until::text
         FROM membership_fee_schedules
        WHERE chambre_id = $1 AND grace_until < $2::date
        ORDER BY year`,
      [chambreId, today],
    );
    return rows.map(toTerms);
  }
}
