import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, OutboxService } from '@mutualis/core';
import { decodeImportFile, parseImportFile } from '../../imports/member-import-file';
import { MembershipEvents } from '../../membership.events';
import { ChambreScopeRepository } from '../../repositories/chambre-scope.repository';
import { MemberImportRepository } from '../../repositories/member-import.repository';
import { MemberImportView, presentMemberImport } from '../../views/member-import.view';
import { importYears } from '../preview-member-import/preview-member-import.use-case';

export interface StartMemberImportCommand {
  startedBy: string;
  fileName: string;
  content: Buffer;
}

/**
 * Applies an import: the file is read here (a file that cannot be, or lacks a column, is refused
 * before anything is written), then kept with its refused lines in membership_imports, and the
 * worker is told in the same transaction (outbox) to bring the valid lines in, in batches.
 */
@Injectable()
export class StartMemberImportUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly imports: MemberImportRepository,
    private readonly chambre: ChambreScopeRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async execute(command: StartMemberImportCommand): Promise<MemberImportView> {
    const text = decodeImportFile(command.content);
    const parsed = parseImportFile(text, importYears(this.clock));
    const chambreId = await this.chambre.currentId();
    const created = await this.dataSource.transaction(async (manager) => {
      const row = await this.imports.create(
        {
          chambreId,
          fileName: command.fileName.slice(0, 255),
          fileSha256: createHash('sha256').update(command.content).digest('hex'),
          content: text,
          total: parsed.total,
          refused: parsed.refused,
          startedBy: command.startedBy,
        },
        manager,
      );
      await this.outbox.record(manager, {
        type: MembershipEvents.ImportStarted,
        aggregateType: 'membership_import',
        aggregateId: row.id,
        payload: { startedBy: command.startedBy },
      });
      return row;
    });
    return presentMemberImport(created);
  }
}
