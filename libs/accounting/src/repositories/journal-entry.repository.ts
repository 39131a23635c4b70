import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
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

/** The journal's entries and their lines: inserted, validated once, never changed. */
@Injectable()
export class JournalEntryRepository {
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
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO accounting_entries (chambre_id, journal, source_key, entry_date, event_date, fiscal_year,
                                       piece_ref, piece_date, line_count, total_cents)
       VALUES ($1, $2, $3, $4, $5, extract(year FROM $4::date), $6, $7, $8, $9)
       ON CONFLICT (chambre_id, source_key) DO NOTHING
       RETURNING id`,
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
      ],
    );
    if (!row) return null;
    const column = <T>(pick: (line: NewLine) => T): T[] => entry.lines.map(pick);
    await manager.query(
      `INSERT INTO accounting_entry_lines (entry_id, position, account_role, vat_rate_basis_points, account_number,
                                           account_label, organisation_id, auxiliary_number, auxiliary_label, label,
                                           debit_cents, credit_cents, lettering_key)
       SELECT $1, line.position, line.role, line.rate, line.number, line.account_label, line.organisation_id,
              line.auxiliary_number, line.auxiliary_label, line.label, line.debit, line.credit, line.lettering_key
         FROM unnest($2::smallint[], $3::text[], $4::integer[], $5::text[], $6::text[], $7::uuid[], $8::text[],
                     $9::text[], $10::text[], $11::bigint[], $12::bigint[], $13::text[])
              AS line (position, role, rate, number, account_label, organisation_id, auxiliary_number, auxiliary_label,
                       label, debit, credit, lettering_key)`,
      [
        row.id,
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
    return row.id;
  }
}
