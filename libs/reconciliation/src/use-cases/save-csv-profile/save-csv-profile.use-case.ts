import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { BUILT_IN_CSV_PROFILES } from '../../parsers/csv.parser';
import type { CsvProfile } from '../../parsers/statement-types';
import { ReconciliationErrorCode, ReconciliationException } from '../../reconciliation.exception';
import { CsvProfileRepository } from '../../repositories/csv-profile.repository';
import type { CsvProfileView } from '../list-csv-profiles/list-csv-profiles.use-case';

/** Finance saves its bank's CSV layout (a saved profile with a built-in id is refused, not overriding it). */
@Injectable()
export class SaveCsvProfileUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly profiles: CsvProfileRepository,
    private readonly audit: AuditLog,
  ) {}

  async execute(actor: Actor, profile: CsvProfile): Promise<CsvProfileView> {
    if (BUILT_IN_CSV_PROFILES.some((builtIn) => builtIn.id === profile.id)) {
      throw new ReconciliationException(
        ReconciliationErrorCode.InvalidProfile,
        `"${profile.id}" is a built-in profile; choose another id`,
        [{ field: 'id', message: 'is the id of a built-in profile' }],
      );
    }
    const { id, name, ...settings } = profile;
    if (!settings.columns.amount && !(settings.columns.debit && settings.columns.credit)) {
      throw new ReconciliationException(
        ReconciliationErrorCode.InvalidProfile,
        'a profile needs an amount column, or a debit and a credit column',
        [{ field: 'columns', message: 'name amount, or debit and credit' }],
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const previous = await this.profiles.findForUpdate(id, manager);
      await this.profiles.upsert({ id, name, settings }, actor.userId, manager);
      // A wrong column mapping misreads every later statement: finance wants to know who changed it.
      await this.audit.record(manager, {
        action: 'csv_profile.saved',
        entityType: 'csv_profile',
        entityId: id,
        before: previous ? { name: previous.name, ...previous.settings } : null,
        after: { name, ...settings },
      });
    });
    return { ...profile, builtIn: false };
  }
}
