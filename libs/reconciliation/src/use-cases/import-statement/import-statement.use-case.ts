import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxService } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { parseCamt053 } from '../../parsers/camt053.parser';
import { parseBankCsv } from '../../parsers/csv.parser';
import { ParsedStatement, StatementFormatError } from '../../parsers/statement-types';
import { ReconciliationErrorCode, ReconciliationException } from '../../reconciliation.exception';
import {
  BankStatementRepository,
  StatementImport,
} from '../../repositories/bank-statement.repository';
import { withDedupeKeys } from '../../services/dedupe-key';
import { CsvProfilesUseCase } from '../csv-profiles/csv-profiles.use-case';
import { MatchTransactionsUseCase } from '../match-transactions/match-transactions.use-case';
import { ReconciliationEvents } from '../../reconciliation.events';

/** Largest statement accepted (a year of a busy account is a few MB). */
export const MAX_STATEMENT_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface StatementUpload {
  fileName: string;
  content: Buffer;
  /** For CSV: the profile to read it with; detected from the header row when absent. */
  profileId?: string;
}

export interface StatementImportView {
  id: string;
  fileName: string;
  format: 'camt053' | 'csv';
  csvProfile: string | null;
  status: StatementImport['status'];
  error: { message: string; location: string | null } | null;
  result: {
    transactionsFound: number | null;
    transactionsAdded: number | null;
    duplicates: number | null;
    matched: number | null;
    suggested: number | null;
    unmatched: number | null;
  };
  createdAt: string;
  finishedAt: string | null;
}

export function presentImport(statement: StatementImport): StatementImportView {
  return {
    id: statement.id,
    fileName: statement.fileName,
    format: statement.format,
    csvProfile: statement.csvProfile?.id ?? null,
    status: statement.status,
    error: statement.error ? { message: statement.error, location: statement.errorLocation } : null,
    result: {
      transactionsFound: statement.transactionsFound,
      transactionsAdded: statement.transactionsAdded,
      duplicates: statement.duplicates,
      matched: statement.matched,
      suggested: statement.suggested,
      unmatched: statement.unmatched,
    },
    createdAt: statement.createdAt.toISOString(),
    finishedAt: statement.finishedAt?.toISOString() ?? null,
  };
}

/**
 * A bank statement, uploaded by finance and parsed by the worker: the request only stores the
 * file and announces it. Parsing is all or nothing: a file with one bad line or element is
 * rejected naming it, and none of its lines is kept. Lines already imported (the same file
 * again, overlapping statements) are recognised by their key and skipped. New lines are then
 * matched.
 */
@Injectable()
export class ImportStatementUseCase {
  private readonly logger = new Logger(ImportStatementUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statements: BankStatementRepository,
    private readonly profiles: CsvProfilesUseCase,
    private readonly matching: MatchTransactionsUseCase,
    private readonly outbox: OutboxService,
  ) {}

  async submit(actor: Actor, upload: StatementUpload): Promise<StatementImportView> {
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

  async get(importId: string): Promise<StatementImportView> {
    const statement = await this.statements.findImport(importId);
    if (!statement) {
      throw new ReconciliationException(ReconciliationErrorCode.ImportNotFound, 'import not found');
    }
    return presentImport(statement);
  }

  /** The worker's part; safe to run again after a crash (the lines are recognised). */
  async process(importId: string): Promise<StatementImportView['status'] | 'not_claimed'> {
    const claimed = await this.statements.claim(importId);
    if (!claimed) return 'not_claimed';
    const { import: statement, content } = claimed;
    let parsed: ParsedStatement;
    try {
      parsed =
        statement.format === 'camt053'
          ? parseCamt053(content)
          : parseBankCsv(content, statement.csvProfile!);
    } catch (error) {
      if (!(error instanceof StatementFormatError)) throw error;
      await this.statements.fail(importId, error.message, error.location);
      this.logger.log({ importId, location: error.location }, 'statement rejected');
      return 'failed';
    }
    const keyed = withDedupeKeys(parsed.transactions);
    await this.dataSource.transaction(async (manager) => {
      await this.statements.insertTransactions(importId, keyed, manager);
      const [{ added }] = await manager.query<{ added: number }[]>(
        `SELECT count(*)::int AS added FROM bank_transactions WHERE import_id = $1`,
        [importId],
      );
      await this.statements.recordParsed(
        importId,
        {
          transactionsFound: keyed.length,
          transactionsAdded: added,
          duplicates: keyed.length - added,
        },
        manager,
      );
      await manager.query(
        `INSERT INTO reconciliation_audit (actor_id, action, import_id, details) VALUES ($1, 'import', $2, $3)`,
        [statement.uploadedBy, importId, JSON.stringify({ found: keyed.length, added })],
      );
    });
    const ids = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM bank_transactions WHERE import_id = $1`,
      [importId],
    );
    await this.matching.execute(ids.map((row) => row.id));
    const [counts] = await this.dataSource.query<
      { matched: number; suggested: number; unmatched: number }[]
    >(
      `SELECT count(*) FILTER (WHERE status = 'matched')::int AS matched,
              count(*) FILTER (WHERE status = 'suggested')::int AS suggested,
              count(*) FILTER (WHERE status = 'unmatched')::int AS unmatched
         FROM bank_transactions WHERE import_id = $1`,
      [importId],
    );
    await this.statements.finish(importId, counts);
    return 'done';
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
