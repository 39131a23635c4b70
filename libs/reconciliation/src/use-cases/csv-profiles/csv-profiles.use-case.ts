import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { BUILT_IN_CSV_PROFILES, detectCsvProfile } from '../../parsers/csv.parser';
import type { CsvProfile } from '../../parsers/statement-types';
import { CsvProfileRepository } from '../../repositories/csv-profile.repository';
import { ReconciliationErrorCode, ReconciliationException } from '../../reconciliation.exception';

export interface CsvProfileView extends CsvProfile {
  builtIn: boolean;
}

/**
 * How to read each bank's CSV export: a few common French layouts are built in, and finance
 * saves its own bank's (a saved profile with a built-in id is refused, not overriding it).
 */
@Injectable()
export class CsvProfilesUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly profiles: CsvProfileRepository,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<CsvProfileView[]> {
    const saved = await this.saved();
    return [
      ...BUILT_IN_CSV_PROFILES.map((profile) => ({ ...profile, builtIn: true })),
      ...saved.map((profile) => ({ ...profile, builtIn: false })),
    ];
  }

  async save(actor: Actor, profile: CsvProfile): Promise<CsvProfileView> {
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

  /** The profile named, or the one whose columns the file's header row has. */
  async resolve(content: Buffer, profileId: string | undefined): Promise<CsvProfile> {
    const profiles = [...BUILT_IN_CSV_PROFILES, ...(await this.saved())];
    if (profileId) {
      const named = profiles.find((profile) => profile.id === profileId);
      if (!named) {
        throw new ReconciliationException(
          ReconciliationErrorCode.UnknownCsvProfile,
          `no CSV profile "${profileId}"`,
          [{ field: 'profile', message: 'is not a known CSV profile' }],
        );
      }
      return named;
    }
    const detected = detectCsvProfile(content, profiles);
    if (!detected) {
      throw new ReconciliationException(
        ReconciliationErrorCode.UnknownCsvProfile,
        'no CSV profile recognises this file’s header row; choose one, or save a profile for this bank',
        [
          {
            field: 'profile',
            message: `is needed: one of ${profiles.map((p) => p.id).join(', ')}`,
          },
        ],
      );
    }
    return detected;
  }

  private saved(): Promise<CsvProfile[]> {
    return this.profiles.listSaved();
  }
}
