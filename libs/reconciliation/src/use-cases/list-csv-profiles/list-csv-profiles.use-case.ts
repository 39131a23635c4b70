import { Injectable } from '@nestjs/common';
import type { CsvProfile } from '../../parsers/statement-types';
import { CsvProfileResolver } from '../../services/csv-profile-resolver';

export interface CsvProfileView extends CsvProfile {
  builtIn: boolean;
}

/** Column profiles for CSV statements: built-in first, then those finance saved. */
@Injectable()
export class ListCsvProfilesUseCase {
  constructor(private readonly profiles: CsvProfileResolver) {}

  async execute(): Promise<CsvProfileView[]> {
    const { builtIn, saved } = await this.profiles.all();
    return [
      ...builtIn.map((profile) => ({ ...profile, builtIn: true })),
      ...saved.map((profile) => ({ ...profile, builtIn: false })),
    ];
  }
}
