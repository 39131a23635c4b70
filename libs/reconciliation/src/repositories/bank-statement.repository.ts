import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CsvProfile, ParsedTransaction } from '../parsers/statement-types';

export type ImportStatus = 'queued' | 'processing' | 'done' | 'failed';

export interface StatementImport {
  id: string;
  fileName: string;
  fileSha256: string;
  format: 'camt053' | 'csv';
  csvProfile: CsvProfile | null;
  status: ImportStatus;
  error: string | null;
  errorLocation: string | null;
  transactionsFound: number | null;
  transactionsAdded: number | null;
  duplicates: number | null;
  matched: number | null;
  suggested: number | null;
  unmatched: number | null;
  uploadedBy: string;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface ImportOutcome {
  transactionsFound: number;
  transactionsAdded: number;
  duplicates: number;
}

type ImportRow = {
  id: string;
  file_name: string;
  file_sha256: string;
  format: 'camt053' | 'csv';
  csv_profile: CsvProfile | null;
  status: ImportStatus;
  error: string | null;
  error_location: string | null;
  transactions_found: number | null;
  transactions_added: number | null;
  duplicates: number | null;
  matched: number | null;
  suggested: number | null;
  unmatched: number | null;
  uploaded_by: string;
  created_at: Date;
  finished_at: Date | null;
};

function toImport(row: ImportRow): StatementImport {
  return {
    id: row.id,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    format: row.format,
    csvProfile: row.csv_profile,
    status: row.status,
    error: row.error,
    errorLocation: row.error_location,
    transactionsFound: row.transactions_found,
    transactionsAdded: row.transactions_added,
    duplicates: row.duplicates,
    matched: row.matched,
    suggested: row.suggested,
    unmatched: row.unmatched,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

const IMPORT_COLUMNS = `id, file_name, file_sha256, format, csv_profile, status, error, error_location,
  transactions_found, transactions_added, duplicates, matched, suggested, unmatched, uploaded_by,
  created_at, finished_at`;

/** Statement imports and the transactions they brought. */
@Injectable()
export class BankStatementRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async createImport(
    values: {
      fileName: string;
      fileSha256: string;
      format: 'camt053' | 'csv';
      csvProfile: CsvProfile | null;
      content: Buffer;
      uploadedBy: string;
    },
    manager: EntityManager,
  ): Promise<StatementImport> {
    const [row] = await manager.query<ImportRow[]>(
      `INSERT INTO bank_statement_imports (file_name, file_sha256, format, csv_profile, content, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${IMPORT_COLUMNS}`,
      [
        values.fileName,
        values.fileSha256,
        values.format,
        values.csvProfile ? JSON.stringify(values.csvProfile) : null,
        values.content,
        values.uploadedBy,
      ],
    );
    return toImport(row);
  }

  async findImport(id: string): Promise<StatementImport | null> {
    const [row] = await this.dataSource.query<ImportRow[]>(
      `SELECT ${IMPORT_COLUMNS} FROM bank_statement_imports WHERE id = $1`,
      [id],
    );
    return row ? toImport(row) : null;
  }

  /** Claims a queued import for parsing; null when another worker has it or it is finished. */
  async claim(id: string): Promise<{ import: StatementImport; content: Buffer } | null> {
    // An UPDATE … RETURNING answers [rows, count] through TypeORM's postgres driver.
    const [[row]] = await this.dataSource.query<[(ImportRow & { content: Buffer })[], number]>(
      `UPDATE bank_statement_imports SET status = 'processing'
        WHERE id = $1 AND status IN ('queued', 'processing') AND content IS NOT NULL
        RETURNING ${IMPORT_COLUMNS}, content`,
      [id],
    );
    return row ? { import: toImport(row), content: row.content } : null;
  }

  /** A rejected file: the reason is kept, the file is not. */
  async fail(id: string, error: string, location: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE bank_statement_imports
          SET status = 'failed', error = $2, error_location = $3, content = NULL, finished_at = now()
        WHERE id = $1`,
      [id, error.slice(0, 2_000), location],
    );
  }

  async recordParsed(id: string, outcome: ImportOutcome, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE bank_statement_imports
          SET transactions_found = $2, transactions_added = $3, duplicates = $4
        WHERE id = $1`,
      [id, outcome.transactionsFound, outcome.transactionsAdded, outcome.duplicates],
    );
  }

  async finish(
    id: string,
    counts: { matched: number; suggested: number; unmatched: number },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE bank_statement_imports
          SET status = 'done', matched = $2, suggested = $3, unmatched = $4, content = NULL,
              finished_at = now()
        WHERE id = $1`,
      [id, counts.matched, counts.suggested, counts.unmatched],
    );
  }

  /**
   * Inserts the statement's transactions, skipping those already known by their key (the same
   * file again, or a statement overlapping an earlier one). Returns the ids of the new ones.
   */
  async insertTransactions(
    importId: string,
    transactions: (ParsedTransaction & { dedupeKey: string })[],
    manager: EntityManager,
  ): Promise<string[]> {
    const ids: string[] = [];
    // Batches keep each statement within PostgreSQL's parameter limits.
    for (let start = 0; start < transactions.length; start += 2_000) {
      const batch = transactions.slice(start, start + 2_000);
      const column = <K extends keyof (typeof batch)[number]>(key: K) => batch.map((tx) => tx[key]);
      const rows = await manager.query<{ id: string }[]>(
        `INSERT INTO bank_transactions (import_id, dedupe_key, account_iban, booking_date, value_date,
                amount_cents, direction, currency, bank_reference, counterparty_name, counterparty_iban,
                remittance_info, creditor_reference, source)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::date[], $5::date[], $6::bigint[], $7::text[],
                $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id`,
        [
          importId,
          column('dedupeKey'),
          column('accountIban'),
          column('bookingDate'),
          column('valueDate'),
          column('amountCents'),
          column('direction'),
          column('currency'),
          column('bankReference'),
          column('counterpartyName'),
          column('counterpartyIban'),
          column('remittanceInfo'),
          column('creditorReference'),
          column('source'),
        ],
      );
      ids.push(...rows.map((row) => row.id));
    }
    return ids;
  }
}
