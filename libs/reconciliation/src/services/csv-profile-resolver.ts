import { Injectable } from '@nestjs/common';
import { BUILT_IN_CSV_PROFILES, detectCsvProfile } from '../parsers/csv.parser';
import type { CsvProfile } from '../parsers/statement-types';
import { ReconciliationErrorCode, ReconciliationException } from '../reconciliation.exception';
import { CsvProfileRepository } from '../repositories/csv-profile.repository';

/**
 * How to read each bank's CSV export: a few common French layouts are built in, and finance
 * saves its own bank's.
 */
@Injectable()
export class CsvProfileResolver {
  constructor(private readonly profiles: CsvProfileRepository) {}

  /** The built-in profiles, then the saved ones. */
  async all(): Promise<{ builtIn: CsvProfile[]; saved: CsvProfile[] }> {
    return { builtIn: BUILT_IN_CSV_PROFILES, saved: await this.profiles.listSaved() };
  }

  /** The profile named, or the one whose columns the file's header row has. */
  async resolve(content: Buffer, profileId: string | undefined): Promise<CsvProfile> {
    const profiles = [...BUILT_IN_CSV_PROFILES, ...(await this.profiles.listSaved())];
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
}
