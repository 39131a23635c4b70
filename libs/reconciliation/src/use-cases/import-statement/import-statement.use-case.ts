import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { parseCamt053 } from '../../parsers/camt053.parser';
import { parseBankCsv } from '../../parsers/csv.parser';
import { ParsedStatement, StatementFormatError } from '../../parsers/statement-types';
import { BankStatementRepository } from '../../repositories/bank-statement.repository';
import { BankTransactionRepository } from '../../repositories/bank-transaction.repository';
import { ReconciliationAuditRepository } from '../../repositories/reconciliation-audit.repository';
import { withDedupeKeys } from '../../services/dedupe-key';
import { StatementImportView } from '../../views/statement-import.view';
import { MatchTransactionsUseCase } from '../match-transactions/match-transactions.use-case';

/**
 * The worker's part of a bank statement finance uploaded (SubmitStatementUseCase). Parsing is
 * all or nothing: a file with one bad line or element is rejected naming it, and none of its
 * lines is kept. Lines already imported (the same file
 * again, overlapping statements) are recognised by their key and skipped. New lines are then
 * matched.
 */
@Injectable()
export class ImportStatementUseCase {
  private readonly logger = new Logger(ImportStatementUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statements: BankStatementRepository,
    private readonly transactions: BankTransactionRepository,
    private readonly auditTrail: ReconciliationAuditRepository,
    private readonly matching: MatchTransactionsUseCase,
  ) {}

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
      const added = await this.transactions.countOfImport(importId, manager);
      await this.statements.recordParsed(
        importId,
        {
          transactionsFound: keyed.length,
          transactionsAdded: added,
          duplicates: keyed.length - added,
        },
        manager,
      );
      await this.auditTrail.recordImport(
        { actorId: statement.uploadedBy, importId, details: { found: keyed.length, added } },
        manager,
      );
    });
    await this.matching.execute(await this.transactions.idsOfImport(importId));
    const counts = await this.transactions.statusCountsOfImport(importId);
    await this.statements.finish(importId, counts);
    return 'done';
  }
}
