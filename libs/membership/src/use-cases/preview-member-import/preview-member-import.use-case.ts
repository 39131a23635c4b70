import { Injectable } from '@nestjs/common';
import { Clock, parisYear } from '@mutualis/core';
import { ImportedOrganisationsService } from '@mutualis/identity';
import {
  decodeImportFile,
  ParsedImportFile,
  parseImportFile,
  ValidImportLine,
} from '../../imports/member-import-file';
import { MemberImportLineView, MemberImportPreview } from '../../views/member-import.view';

/** Years a spreadsheet may say were paid: from 2000 to next year (renewals paid in advance). */
export function importYears(clock: Clock): { minYear: number; maxYear: number } {
  return { minYear: 2000, maxYear: parisYear(clock.now()) + 1 };
}

/** Reads the file and says what each line would do (create, update or why refused); writes nothing. */
@Injectable()
export class PreviewMemberImportUseCase {
  constructor(
    private readonly organisations: ImportedOrganisationsService,
    private readonly clock: Clock,
  ) {}

  async execute(content: Buffer): Promise<MemberImportPreview> {
    const parsed = parseImportFile(decodeImportFile(content), importYears(this.clock));
    return this.report(parsed);
  }

  /** The report of a parsed file: which valid lines match an organisation already. */
  async report(parsed: ParsedImportFile): Promise<MemberImportPreview> {
    const existing = await this.organisations.existing(
      parsed.valid.flatMap((line) => (line.siret ? [line.siret] : [])),
      parsed.valid.flatMap((line) => (line.rna ? [line.rna] : [])),
    );
    const exists = (line: ValidImportLine) =>
      (line.siret !== null && existing.sirets.has(line.siret)) ||
      (line.rna !== null && existing.rnas.has(line.rna));
    const lines: MemberImportLineView[] = [
      ...parsed.valid.map((line) => ({
        line: line.line,
        action: exists(line) ? ('update' as const) : ('create' as const),
        siret: line.siret,
        rna: line.rna,
        legalName: line.legalName,
        reasons: [],
      })),
      ...parsed.refused.map((line) => ({ ...line, action: 'refuse' as const })),
    ].sort((a, b) => a.line - b.line);
    const count = (action: MemberImportLineView['action']) =>
      lines.filter((line) => line.action === action).length;
    return {
      total: parsed.total,
      create: count('create'),
      update: count('update'),
      refuse: count('refuse'),
      lines,
    };
  }
}
