/**
 * A bank statement as the parsers hand it over: one entry per money movement the Chambre can
 * allocate (a batched entry is split into its transactions). Amounts are positive integer
 * cents with a direction; dates are ISO calendar dates (YYYY-MM-DD) as the bank booked them.
 */
export type Direction = 'credit' | 'debit';

export interface ParsedTransaction {
  /** IBAN of the Chambre's account the line belongs to, when the file says it. */
  accountIban: string | null;
  bookingDate: string;
  valueDate: string | null;
  amountCents: number;
  direction: Direction;
  currency: string;
  /**
   * The bank's own reference of the line (camt: AcctSvcrRef of the transaction, else of the
   * entry, else the EndToEndId; CSV: a reference column), used to recognise a line imported
   * before. Null when the file has none.
   */
  bankReference: string | null;
  /** For a transaction split out of a batched entry: its position in the entry (1-based). */
  batchPosition: number | null;
  /** The other party: the payer of a credit, the payee of a debit. */
  counterpartyName: string | null;
  counterpartyIban: string | null;
  /** Unstructured remittance text (camt Ustrd lines joined with a space; CSV label). */
  remittanceInfo: string | null;
  /** Structured creditor reference (camt Strd/CdtrRefInf/Ref), e.g. an ISO 11649 RF reference. */
  creditorReference: string | null;
  /** Where the line came from, for messages: `Stmt[1]/Ntry[3]/TxDtls[2]` or `line 14`. */
  source: string;
}

export interface ParsedStatement {
  format: 'camt053' | 'csv';
  /** camt.053 version, e.g. `001.02`; null for CSV. */
  version: string | null;
  transactions: ParsedTransaction[];
}

/** A file that cannot be read as a statement; `location` names the line or element at fault. */
export class StatementFormatError extends Error {
  constructor(
    message: string,
    readonly location: string | null,
  ) {
    super(location ? `${location}: ${message}` : message);
    this.name = 'StatementFormatError';
  }
}

/** How to read one bank's CSV export. Column values are header names, matched without case or accents. */
export interface CsvProfile {
  id: string;
  name: string;
  delimiter: ';' | ',' | '\t';
  /** `auto` tries UTF-8 and falls back to ISO-8859-15 when the bytes are not valid UTF-8. */
  encoding: 'utf-8' | 'iso-8859-15' | 'auto';
  decimalSeparator: ',' | '.';
  dateFormat: 'dd/MM/yyyy' | 'yyyy-MM-dd' | 'dd/MM/yy';
  columns: {
    bookingDate: string;
    valueDate?: string;
    label: string;
    /** Either one signed amount column, or a debit and a credit column. */
    amount?: string;
    debit?: string;
    credit?: string;
    counterpartyName?: string;
    reference?: string;
  };
}
