import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { centsFromRow } from '@mutualis/core';
import type { AccountRole, JournalCode } from '../journal/entry-draft';

export interface NewEntry {
  chambreId: string;
  journal: JournalCode;
  sourceKey: string;
  entryDate: string;
  eventDate: string;
  pieceRef: string;
  pieceDate: string;
  totalCents: number;
  lines: NewLine[];
}

export interface NewLine {
  role: AccountRole;
  vatRateBasisPoints: number;
  accountNumber: string;
  accountLabel: string;
  organisationId: string | null;
  auxiliaryNumber: string | null;
  auxiliaryLabel: string | null;
  label: string;
  debitCents: number;
  creditCents: number;
  letteringKey: string | null;
}

/** What one validation numbered in one journal and fiscal year. */
export interface NumberedRun {
  journal: JournalCode;
  fiscalYear: number;
  count: number;
  firstSequence: number;
  lastSequence: number;
}

/** A month's entries, for the list of periods. */
export interface MonthTotals {
  period: string;
  entries: number;
  unvalidated: number;
  totalCents: number;
}

export interface JournalTotals {
  journal: JournalCode;
  entries: number;
  validated: number;
  totalCents: number;
}

export interface StoredEntry {
  id: string;
  journal: JournalCode;
  sourceKey: string;
  entryDate: string;
  eventDate: string;
  pieceRef: string;
  pieceDate: string;
  totalCents: number;
  postingSeq: string;
  postedAt: Date;
  number: string | null;
  validatedOn: string | null;
}

export interface StoredLine {
  entryId: string;
  position: number;
  role: AccountRole;
  vatRateBasisPoints: number;
  accountNumber: string;
  accountLabel: string;
  organisationId: string | null;
  auxiliaryNumber: string | null;
  auxiliaryLabel: string | null;
  label: string;
  debitCents: number;
  creditCents: number;
  letteringKey: string | null;
  /** The lettering that holds today, if any. */
  letteringCode: string | null;
  letteringDate: string | null;
}

export interface EntryFilter {
  from: string;
  to: string;
  journal?: JournalCode;
  validated?: boolean;
  /** Digits an account number of one of the entry's lines starts with. */
  account?: string;
  /** After this (entry date, posting order). */
  after: { entryDate: string; postingSeq: string } | null;
  limit: number;
}

/** One line of the FEC layout, lettering as known on the export's last day. */
export interface ExportRow {
  journal: JournalCode;
  number: string;
  entryDate: string;
  pieceRef: string;
  pieceDate: string;
  validatedOn: string;
  accountNumber: string;
  accountLabel: string;
  auxiliaryNumber: string | null;
  auxiliaryLabel: string | null;
  label: string;
  debitCents: number;
  creditCents: number;
  letteringCode: string | null;
  letteringDate: string | null;
}

/** The journal's entries and their lines: inserted, validated once, never changed. */
@Injectable()
export class JournalEntryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async idBySource(
    chambreId: string,
    sourceKey: string,
    manager: EntityManager,
  ): Promise<string | null> {
    const [row] = await manager.query<{ id: string }[]>(
      `SELECT id FROM accounting_entries WHERE chambre_id = $1 AND source_key = $2`,
      [chambreId, sourceKey],
    );
    return row?.id ?? null;
  }

  /**
   * Writes the entry and its lines, or nothing when its source is already in the journal (a
   * concurrent post of the same source waits for the first to commit, then writes nothing).
   */
  async insert(entry: NewEntry, manager: EntityManager): Promise<string | null> {
    const column = <T>(pick: (line: NewLine) => T): T[] => entry.lines.map(pick);
    // One statement: an entry already there (ON CONFLICT) inserts no line either.
    const rows = await manager.query<{ id: string }[]>(
      `WITH entry AS (
         INSERT INTO accounting_entries (chambre_id, journal, source_key, entry_date, event_date, fiscal_year,
                                         piece_ref, piece_date, line_count, total_cents)
         VALUES ($1, $2, $3, $4, $5, extract(year FROM $4::date), $6, $7, $8, $9)
         ON CONFLICT (chambre_id, source_key) DO NOTHING
         RETURNING id
       ), lines AS (
         INSERT INTO accounting_entry_lines (entry_id, position, account_role, vat_rate_basis_points, account_number,
                                             account_label, organisation_id, auxiliary_number, auxiliary_label, label,
                                             debit_cents, credit_cents, lettering_key)
         SELECT entry.id, line.position, line.role, line.rate, line.number, line.account_label, line.organisation_id,
                line.auxiliary_number, line.auxiliary_label, line.label, line.debit, line.credit, line.lettering_key
           FROM entry,
                unnest($10::smallint[], $11::text[], $12::integer[], $13::text[], $14::text[], $15::uuid[], $16::text[],
                       $17::text[], $18::text[], $19::bigint[], $20::bigint[], $21::text[])
                AS line (position, role, rate, number, account_label, organisation_id, auxiliary_number,
                         auxiliary_label, label, debit, credit, lettering_key)
       )
       SELECT id FROM entry`,
      [
        entry.chambreId,
        entry.journal,
        entry.sourceKey,
        entry.entryDate,
        entry.eventDate,
        entry.pieceRef,
        entry.pieceDate,
        entry.lines.length,
        entry.totalCents,
        entry.lines.map((_, index) => index + 1),
        column((line) => line.role),
        column((line) => line.vatRateBasisPoints),
        column((line) => line.accountNumber),
        column((line) => line.accountLabel),
        column((line) => line.organisationId),
        column((line) => line.auxiliaryNumber),
        column((line) => line.auxiliaryLabel),
        column((line) => line.label),
        column((line) => String(line.debitCents)),
        column((line) => String(line.creditCents)),
        column((line) => line.letteringKey),
      ],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Numbers every unvalidated entry dated up to `through`: per journal and fiscal year, after
   * the counter's last number, in entry date then posting order. The caller holds the books'
   * lock exclusively, so no other validation hands out numbers meanwhile.
   */
  async validateThrough(
    chambreId: string,
    through: string,
    validatedOn: string,
    validatedAt: Date,
    manager: EntityManager,
  ): Promise<NumberedRun[]> {
    const rows = await manager.query<
      { journal: JournalCode; fiscal_year: number; count: number; first: number; last: number }[]
    >(
      `WITH todo AS (
         SELECT id, journal, fiscal_year,
                row_number() OVER (PARTITION BY journal, fiscal_year ORDER BY entry_date, posting_seq) AS rank
           FROM accounting_entries
          WHERE chambre_id = $1 AND number IS NULL AND entry_date <= $2
       ), counts AS (
         SELECT journal, fiscal_year, count(*)::integer AS n FROM todo GROUP BY journal, fiscal_year
       ), counters AS (
         INSERT INTO accounting_counters AS counter (chambre_id, journal, fiscal_year, last_number)
         SELECT $1, journal, fiscal_year, n FROM counts
         ON CONFLICT (chambre_id, journal, fiscal_year)
         DO UPDATE SET last_number = counter.last_number + EXCLUDED.last_number
         RETURNING journal, fiscal_year, last_number
       ), numbered AS (
         UPDATE accounting_entries entry
            SET sequence = counters.last_number - counts.n + todo.rank,
                number = entry.journal || entry.fiscal_year || '-' || lpad(
                           (counters.last_number - counts.n + todo.rank)::text,
                           greatest(6, length((counters.last_number - counts.n + todo.rank)::text)), '0'),
                validated_on = $3,
                validated_at = $4
           FROM todo
           JOIN counts USING (journal, fiscal_year)
           JOIN counters USING (journal, fiscal_year)
          WHERE entry.id = todo.id
         RETURNING entry.journal, entry.fiscal_year, entry.sequence
       )
       SELECT journal, fiscal_year, count(*)::integer AS count, min(sequence) AS first, max(sequence) AS last
         FROM numbered GROUP BY journal, fiscal_year ORDER BY fiscal_year, journal`,
      [chambreId, through, validatedOn, validatedAt],
    );
    return rows.map((row) => ({
      journal: row.journal,
      fiscalYear: row.fiscal_year,
      count: row.count,
      firstSequence: row.first,
      lastSequence: row.last,
    }));
  }

  /** The month of the earliest entry dated up to `before` (exclusive), `YYYY-MM`. */
  async earliestPeriodBefore(chambreId: string, before: string, manager: EntityManager) {
    const [row] = await manager.query<{ period: string | null }[]>(
      `SELECT to_char(min(entry_date), 'YYYY-MM') AS period
         FROM accounting_entries WHERE chambre_id = $1 AND entry_date < $2`,
      [chambreId, before],
    );
    return row?.period ?? null;
  }

  async monthTotals(chambreId: string, from: string, to: string): Promise<MonthTotals[]> {
    const rows = await this.dataSource.query<
      { period: string; entries: number; unvalidated: number; total: string }[]
    >(
      `SELECT to_char(entry_date, 'YYYY-MM') AS period, count(*)::integer AS entries,
              (count(*) FILTER (WHERE number IS NULL))::integer AS unvalidated, sum(total_cents) AS total
         FROM accounting_entries
        WHERE chambre_id = $1 AND entry_date BETWEEN $2 AND $3
        GROUP BY 1`,
      [chambreId, from, to],
    );
    return rows.map((row) => ({
      period: row.period,
      entries: row.entries,
      unvalidated: row.unvalidated,
      totalCents: centsFromRow(row.total),
    }));
  }

  async journalTotals(chambreId: string, from: string, to: string): Promise<JournalTotals[]> {
    const rows = await this.dataSource.query<
      { journal: JournalCode; entries: number; validated: number; total: string }[]
    >(
      `SELECT journal, count(*)::integer AS entries,
              (count(*) FILTER (WHERE number IS NOT NULL))::integer AS validated, sum(total_cents) AS total
         FROM accounting_entries
        WHERE chambre_id = $1 AND entry_date BETWEEN $2 AND $3
        GROUP BY journal`,
      [chambreId, from, to],
    );
    return rows.map((row) => ({
      journal: row.journal,
      entries: row.entries,
      validated: row.validated,
      totalCents: centsFromRow(row.total),
    }));
  }

  /** A page of entries in (entry date, posting order), `limit + 1` of them. */
  async list(chambreId: string, filter: EntryFilter): Promise<StoredEntry[]> {
    const parameters: unknown[] = [chambreId, filter.from, filter.to];
    const where = ['chambre_id = $1', 'entry_date BETWEEN $2 AND $3'];
    if (filter.journal) {
      parameters.push(filter.journal);
      where.push(`journal = $${parameters.length}`);
    }
    if (filter.validated !== undefined) {
      where.push(filter.validated ? 'number IS NOT NULL' : 'number IS NULL');
    }
    if (filter.account) {
      parameters.push(`${filter.account}%`);
      where.push(
        `EXISTS (SELECT 1 FROM accounting_entry_lines line
                  WHERE line.entry_id = accounting_entries.id AND line.account_number LIKE $${parameters.length})`,
      );
    }
    if (filter.after) {
      parameters.push(filter.after.entryDate, filter.after.postingSeq);
      where.push(
        `(entry_date, posting_seq) > ($${parameters.length - 1}::date, $${parameters.length}::bigint)`,
      );
    }
    parameters.push(filter.limit + 1);
    const rows = await this.dataSource.query<EntryRow[]>(
      `SELECT id, journal, source_key, to_char(entry_date, 'YYYY-MM-DD') AS entry_date,
              to_char(event_date, 'YYYY-MM-DD') AS event_date, piece_ref, to_char(piece_date, 'YYYY-MM-DD') AS piece_date,
              total_cents, posting_seq::text AS posting_seq, posted_at, number,
              to_char(validated_on, 'YYYY-MM-DD') AS validated_on
         FROM accounting_entries
        WHERE ${where.join(' AND ')}
        ORDER BY entry_date, posting_seq
        LIMIT $${parameters.length}`,
      parameters,
    );
    return rows.map((row) => ({
      id: row.id,
      journal: row.journal,
      sourceKey: row.source_key,
      entryDate: row.entry_date,
      eventDate: row.event_date,
      pieceRef: row.piece_ref,
      pieceDate: row.piece_date,
      totalCents: centsFromRow(row.total_cents),
      postingSeq: row.posting_seq,
      postedAt: row.posted_at,
      number: row.number,
      validatedOn: row.validated_on,
    }));
  }

  /** The lines of these entries, with the lettering that holds today. */
  async linesOf(entryIds: string[]): Promise<StoredLine[]> {
    if (entryIds.length === 0) return [];
    const rows = await this.dataSource.query<LineRow[]>(
      `SELECT line.entry_id, line.position, line.account_role, line.vat_rate_basis_points, line.account_number,
              line.account_label, line.organisation_id, line.auxiliary_number, line.auxiliary_label, line.label,
              line.debit_cents, line.credit_cents, line.lettering_key, live.code AS lettering_code,
              to_char(live.lettered_on, 'YYYY-MM-DD') AS lettering_date
         FROM accounting_entry_lines line
         LEFT JOIN LATERAL (
           SELECT lettering.code, lettering.lettered_on
             FROM accounting_lettering_lines member
             JOIN accounting_letterings lettering ON lettering.id = member.lettering_id
            WHERE member.line_id = line.id
              AND NOT EXISTS (SELECT 1 FROM accounting_lettering_ends ending WHERE ending.lettering_id = lettering.id)
         ) live ON true
        WHERE line.entry_id = ANY($1::uuid[])
        ORDER BY line.entry_id, line.position`,
      [entryIds],
    );
    return rows.map((row) => ({
      entryId: row.entry_id,
      position: row.position,
      role: row.account_role,
      vatRateBasisPoints: row.vat_rate_basis_points,
      accountNumber: row.account_number,
      accountLabel: row.account_label,
      organisationId: row.organisation_id,
      auxiliaryNumber: row.auxiliary_number,
      auxiliaryLabel: row.auxiliary_label,
      label: row.label,
      debitCents: centsFromRow(row.debit_cents),
      creditCents: centsFromRow(row.credit_cents),
      letteringKey: row.lettering_key,
      letteringCode: row.lettering_code,
      letteringDate: row.lettering_date,
    }));
  }

  /**
   * The validated entries of a fiscal year dated from `from` to `to`, line by line, in
   * validation date, journal and number order. Lettering is the one that held on `asOf`: lettered
   * on or before it and not ended by then, so a closed month exports the same lines forever; and
   * only when all its lines are in the file, so that every code in it nets to zero there (an
   * invoice of last year paid this year, or a lettering that takes in an entry not validated
   * yet, leaves its lines unlettered in the file).
   */
  async exportRows(
    chambreId: string,
    fiscalYear: number,
    from: string,
    to: string,
    asOf: string,
  ): Promise<ExportRow[]> {
    const rows = await this.dataSource.query<ExportRowRaw[]>(
      `SELECT entry.journal, entry.number, to_char(entry.entry_date, 'YYYY-MM-DD') AS entry_date, entry.piece_ref,
              to_char(entry.piece_date, 'YYYY-MM-DD') AS piece_date, to_char(entry.validated_on, 'YYYY-MM-DD') AS validated_on,
              line.account_number, line.account_label, line.auxiliary_number, line.auxiliary_label, line.label,
              line.debit_cents, line.credit_cents, held.code AS lettering_code,
              to_char(held.lettered_on, 'YYYY-MM-DD') AS lettering_date
         FROM accounting_entries entry
         JOIN accounting_entry_lines line ON line.entry_id = entry.id
         LEFT JOIN LATERAL (
           SELECT lettering.code, lettering.lettered_on
             FROM accounting_lettering_lines member
             JOIN accounting_letterings lettering ON lettering.id = member.lettering_id
            WHERE member.line_id = line.id AND lettering.lettered_on <= $5
              AND NOT EXISTS (SELECT 1 FROM accounting_lettering_ends ending
                               WHERE ending.lettering_id = lettering.id AND ending.ended_on <= $5)
              -- Only a lettering whose every line is in this file: not one that takes in a line
              -- of another fiscal year or of an entry not validated yet.
              AND NOT EXISTS (SELECT 1 FROM accounting_lettering_lines other
                                JOIN accounting_entry_lines other_line ON other_line.id = other.line_id
                                JOIN accounting_entries other_entry ON other_entry.id = other_line.entry_id
                               WHERE other.lettering_id = lettering.id
                                 AND (other_entry.number IS NULL OR other_entry.fiscal_year <> $2
                                      OR other_entry.entry_date NOT BETWEEN $3 AND $4))
            ORDER BY lettering.lettered_on DESC, lettering.created_at DESC
            LIMIT 1
         ) held ON true
        WHERE entry.chambre_id = $1 AND entry.fiscal_year = $2 AND entry.number IS NOT NULL
          AND entry.entry_date BETWEEN $3 AND $4
        ORDER BY entry.validated_on, entry.journal, entry.sequence, line.position`,
      [chambreId, fiscalYear, from, to, asOf],
    );
    return rows.map((row) => ({
      journal: row.journal,
      number: row.number,
      entryDate: row.entry_date,
      pieceRef: row.piece_ref,
      pieceDate: row.piece_date,
      validatedOn: row.validated_on,
      accountNumber: row.account_number,
      accountLabel: row.account_label,
      auxiliaryNumber: row.auxiliary_number,
      auxiliaryLabel: row.auxiliary_label,
      label: row.label,
      debitCents: centsFromRow(row.debit_cents),
      creditCents: centsFromRow(row.credit_cents),
      letteringCode: row.lettering_code,
      letteringDate: row.lettering_date,
    }));
  }

  /** The accounts the year's validated entries use, as they were written. */
  async accountsUsed(
    chambreId: string,
    fiscalYear: number,
  ): Promise<{ number: string; label: string }[]> {
    return this.dataSource.query<{ number: string; label: string }[]>(
      `SELECT DISTINCT line.account_number AS number, line.account_label AS label
         FROM accounting_entries entry
         JOIN accounting_entry_lines line ON line.entry_id = entry.id
        WHERE entry.chambre_id = $1 AND entry.fiscal_year = $2 AND entry.number IS NOT NULL
        ORDER BY 1, 2`,
      [chambreId, fiscalYear],
    );
  }
}

interface EntryRow {
  id: string;
  journal: JournalCode;
  source_key: string;
  entry_date: string;
  event_date: string;
  piece_ref: string;
  piece_date: string;
  total_cents: string;
  posting_seq: string;
  posted_at: Date;
  number: string | null;
  validated_on: string | null;
}

interface LineRow {
  entry_id: string;
  position: number;
  account_role: AccountRole;
  vat_rate_basis_points: number;
  account_number: string;
  account_label: string;
  organisation_id: string | null;
  auxiliary_number: string | null;
  auxiliary_label: string | null;
  label: string;
  debit_cents: string;
  credit_cents: string;
  lettering_key: string | null;
  lettering_code: string | null;
  lettering_date: string | null;
}

interface ExportRowRaw {
  journal: JournalCode;
  number: string;
  entry_date: string;
  piece_ref: string;
  piece_date: string;
  validated_on: string;
  account_number: string;
  account_label: string;
  auxiliary_number: string | null;
  auxiliary_label: string | null;
  label: string;
  debit_cents: string;
  credit_cents: string;
  lettering_code: string | null;
  lettering_date: string | null;
}
