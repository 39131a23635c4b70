import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxService } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { ReconciliationErrorCode, ReconciliationException } from '../../reconciliation.exception';
import { BankStatementRepository } from '../../repositories/bank-statement.repository';
import { CsvProfileResolver } from '../../services/csv-profile-resolver';
import {
  presentImport,
  StatementImportView,
  StatementUpload,
} from '../../views/statement-import.view';
import { ReconciliationEvents } from '../../reconciliation.events';

/** Largest statement accepted (a year of a busy account is a few MB). */
export const MAX_STATEMENT_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * Finance uploads a bank statement: the request only stores the file and announces it; the
 * worker parses and matches it (ImportStatementUseCase). A CSV is read with the profile named,
 * or the one whose columns its header row has.
 */
@Injectable()
export class SubmitStatementUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statements: BankStatementRepository,
    private readonly profiles: CsvProfileResolver,
    private readonly outbox: OutboxService,
  ) {}

  async execute(actor: Actor, upload: StatementUpload): Promise<StatementImportView> {
    if (upload.content.length === 0) {
      throw new ReconciliationException(
        ReconciliationErrorCode.UnreadableStatement,
        'the file is empty',
        [{ field: 'file', message: 'is empty' }],
      );
    }
    const format = looksLikeXml(upload.content) ? 'camt053' : 'csv';
    const csvProfile =
      format === 'csv' ? await this.profiles.resolve(upload.content, upload.profileId) : null;
    const created = await this.dataSource.transaction(async (manager) => {
      const statement = await this.statements.createImport(
        {
          fileName: upload.fileName.slice(0, 255),
          fileSha256: createHash('sha256').update(upload.content).digest('hex'),
          format,
          csvProfile,
          content: upload.content,
          uploadedBy: actor.userId,
        },
        manager,
      );
      await this.outbox.record(manager, {
        type: ReconciliationEvents.StatementUploaded,
        aggregateType: 'bank_statement_import',
        aggregateId: statement.id,
      });
      return statement;
    });
    return presentImport(created);
  }
}

function looksLikeXml(content: Buffer): boolean {
  const head = content
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('<');
}
