import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { centsFromRow } from '@mutualis/core';
import { auxiliaryNumber } from '../domain/lettering';
import type { AccountRef, AccountRole, EntryDraft, JournalCode } from '../journal/entry-draft';
import { BookLine, InvoiceBook, invoiceBookOf } from '../posting/vat-on-payment';

type LineRow = {
  entry_id: string;
  account_role: AccountRole;
  vat_rate_basis_points: number;
  organisation_id: string | null;
  lettering_key: string | null;
  label: string;
  debit_cents: string;
  credit_cents: string;
};

/** What the posting rules read back from the journal: past entries and the books of an invoice. */
@Injectable()
export class PostingRepository {
  /**
   * Serialises the posts that concern one invoice until the caller's transaction ends: each
   * reads the invoice's books (what is due, the VAT pending) and writes from them, so two
   * payments of one invoice must not read the same books.
   */
  async lockInvoice(invoiceId: string, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `accounting-posting:${invoiceId}`,
    ]);
  }

  async isPosted(chambreId: string, sourceKey: string, manager: EntityManager): Promise<boolean> {
    const [row] = await manager.query<{ id: string }[]>(
      `SELECT id FROM accounting_entries WHERE chambre_id = $1 AND source_key = $2`,
      [chambreId, sourceKey],
    );
    return row !== undefined;
  }

  /** A posted entry as the draft it was posted from (its event date, before any move out of a closed month). */
  async entry(
    chambreId: string,
    sourceKey: string,
    manager: EntityManager,
  ): Promise<EntryDraft | null> {
    const [entry] = await manager.query<
      {
        id: string;
        journal: JournalCode;
        event_date: string;
        piece_ref: string;
        piece_date: string;
      }[]
    >(
      `SELECT id, journal, to_char(event_date, 'YYYY-MM-DD') AS event_date, piece_ref,
              to_char(piece_date, 'YYYY-MM-DD') AS piece_date
         FROM accounting_entries WHERE chambre_id = $1 AND source_key = $2`,
      [chambreId, sourceKey],
    );
    if (!entry) return null;
    const lines = await manager.query<LineRow[]>(
      `SELECT entry_id, account_role, vat_rate_basis_points, organisation_id, lettering_key, label,
              debit_cents, credit_cents
         FROM accounting_entry_lines WHERE entry_id = $1 ORDER BY position`,
      [entry.id],
    );
    return {
      journal: entry.journal,
      sourceKey,
      date: entry.event_date,
      pieceRef: entry.piece_ref,
      pieceDate: entry.piece_date,
      lines: lines.map((line) => ({
        account: accountOf(line),
        ...(line.organisation_id ? { organisationId: line.organisation_id } : {}),
        ...(line.lettering_key ? { letteringKey: line.lettering_key } : {}),
        label: line.label,
        debitCents: centsFromRow(line.debit_cents),
        creditCents: centsFromRow(line.credit_cents),
      })),
    };
  }

  /**
   * The books of an invoice: the customers lines of the member's account lettered with its id,
   * and the pending VAT of the entries they belong to (found through the lettering index).
   */
  async invoiceBook(
    chambreId: string,
    organisationId: string,
    invoiceId: string,
    manager: EntityManager,
  ): Promise<InvoiceBook> {
    const rows = await manager.query<LineRow[]>(
      `SELECT line.entry_id, line.account_role, line.vat_rate_basis_points, line.organisation_id,
              line.lettering_key, line.label, line.debit_cents, line.credit_cents
         FROM accounting_entry_lines line
        WHERE line.account_role IN ('customers', 'vat_pending')
          AND line.entry_id IN (
                SELECT concerned.entry_id FROM accounting_entry_lines concerned
                  JOIN accounting_entries entry ON entry.id = concerned.entry_id
                 WHERE concerned.auxiliary_number = $2 AND concerned.lettering_key = $3
                   AND entry.chambre_id = $1)`,
      [chambreId, auxiliaryNumber(organisationId), invoiceId],
    );
    const entries = new Map<string, { lines: BookLine[] }>();
    for (const row of rows) {
      const entry = entries.get(row.entry_id) ?? { lines: [] };
      entry.lines.push({
        account: accountOf(row),
        letteringKey: row.lettering_key ?? undefined,
        debitCents: centsFromRow(row.debit_cents),
        creditCents: centsFromRow(row.credit_cents),
      });
      entries.set(row.entry_id, entry);
    }
    return invoiceBookOf([...entries.values()], invoiceId);
  }
}

function accountOf(line: { account_role: AccountRole; vat_rate_basis_points: number }): AccountRef {
  return line.account_role === 'vat_pending' || line.account_role === 'vat_collected'
    ? { role: line.account_role, vatRateBasisPoints: line.vat_rate_basis_points }
    : { role: line.account_role };
}
