import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@mutualis/core';
import { ImportedOrganisationsService } from '@mutualis/identity';
import { parseImportFile, ValidImportLine } from '../../imports/member-import-file';
import { ChambreScopeRepository } from '../../repositories/chambre-scope.repository';
import { MemberImportRepository } from '../../repositories/member-import.repository';
import { importYears } from '../preview-member-import/preview-member-import.use-case';

/** Lines per transaction: small enough to hold locks briefly, large enough to be set-based. */
export const MEMBER_IMPORT_BATCH_SIZE = 500;

export type RunMemberImportOutcome = 'completed' | 'already_done';

/**
 * Brings an applied import's valid lines in, a batch per transaction: organisations created
 * through identity (or matched by SIRET, then RNA), their paid years active, their profile
 * (family from the legal form), their contact invited; the counts advance with each batch. A
 * crash or a redelivered job resumes after the last committed batch; importing the same file
 * again matches every organisation and creates nothing twice.
 */
@Injectable()
export class RunMemberImportUseCase {
  private readonly logger = new Logger(RunMemberImportUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly imports: MemberImportRepository,
    private readonly organisations: ImportedOrganisationsService,
    private readonly chambre: ChambreScopeRepository,
    private readonly clock: Clock,
  ) {}

  async execute(importId: string): Promise<RunMemberImportOutcome> {
    const chambreId = await this.chambre.currentId();
    let lines: ValidImportLine[] | null = null;
    for (;;) {
      const step = await this.dataSource.transaction(async (manager) => {
        const running = await this.imports.lockRunning(importId, manager);
        if (!running) return 'already_done' as const;
        // Parsed again from the kept text (the same file always gives the same lines).
        lines ??= parseImportFile(running.content, importYears(this.clock)).valid;
        const batch = lines.slice(running.processed, running.processed + MEMBER_IMPORT_BATCH_SIZE);
        if (batch.length === 0) {
          await this.imports.complete(importId, manager);
          return 'completed' as const;
        }
        const outcomes = await this.organisations.importBatch(batch, running.startedBy, manager);
        await this.imports.upsertProfiles(
          chambreId,
          batch.map((line, index) => ({
            organisationId: outcomes[index].organisationId,
            family: line.family,
            contactEmail: line.contactEmail,
          })),
          manager,
        );
        const created = outcomes.filter((outcome) => outcome.created).length;
        await this.imports.advance(
          importId,
          { processed: batch.length, created, updated: batch.length - created },
          manager,
        );
        return 'batch' as const;
      });
      if (step === 'batch') continue;
      if (step === 'completed') this.logger.log({ importId }, 'member import completed');
      return step;
    }
  }
}
