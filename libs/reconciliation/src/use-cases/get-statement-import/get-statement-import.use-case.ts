import { Injectable } from '@nestjs/common';
import { ReconciliationErrorCode, ReconciliationException } from '../../reconciliation.exception';
import { BankStatementRepository } from '../../repositories/bank-statement.repository';
import { presentImport, StatementImportView } from '../../views/statement-import.view';

/** An import: its progress, its result, or why the file was rejected. */
@Injectable()
export class GetStatementImportUseCase {
  constructor(private readonly statements: BankStatementRepository) {}

  async execute(importId: string): Promise<StatementImportView> {
    const statement = await this.statements.findImport(importId);
    if (!statement) {
      throw new ReconciliationException(ReconciliationErrorCode.ImportNotFound, 'import not found');
    }
    return presentImport(statement);
  }
}
