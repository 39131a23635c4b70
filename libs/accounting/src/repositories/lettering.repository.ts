import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { centsFromRow } from '@mutualis/core';
import type { LetterableLine, LiveLettering } from '../domain/lettering';

/** Letterings of customers' auxiliary accounts: rows and their ends, never changed. */
@Injectable()
export class LetteringRepository {
  /**
   * Serialises lettering on one auxiliary account until the caller's transaction ends: two
   * posts touching the same invoice see each other's lines, and codes are handed out in turn.
   */
  async lockAccount(chambreId: string, auxiliaryNumber: string, manager: EntityManager) {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `accounting-lettering:${chambreId}:${auxiliaryNumber}`,
    ]);
  }

  /** The key's lines on the account, each with its entry. */
  async lines(
    chambreId: string,
    auxiliaryNumber: string,
    letteringKey: string,
    manager: EntityManager,
  ): Promise<(LetterableLine & { entryId: string })[]> {
    const rows = await manager.query<
      {
        id: string;
        entry_id: string;
        debit_cents: string;
        credit_cents: string;
        entry_date: string;
      }[]
    >(
      `SELECT line.id, line.entry_id, line.debit_cents, line.credit_cents,
              to_char(entry.entry_date, 'YYYY-MM-DD') AS entry_date
         FROM accounting_entry_lines line
         JOIN accounting_entries entry ON entry.id = line.entry_id
        WHERE line.auxiliary_number = $2 AND line.lettering_key = $3 AND entry.chambre_id = $1`,
      [chambreId, auxiliaryNumber, letteringKey],
    );
    return rows.map((row) => ({
      id: row.id,
      entryId: row.entry_id,
      debitCents: centsFromRow(row.debit_cents),
      creditCents: centsFromRow(row.credit_cents),
      entryDate: row.entry_date,
    }));
  }

  /** The key's lettering that has no end, with its lines. */
  async live(
    chambreId: string,
    auxiliaryNumber: string,
    letteringKey: string,
    manager: EntityManager,
  ): Promise<LiveLettering | null> {
    const [row] = await manager.query<{ id: string; line_ids: string[] }[]>(
      `SELECT lettering.id, array_agg(member.line_id::text) AS line_ids
         FROM accounting_letterings lettering
         JOIN accounting_lettering_lines member ON member.lettering_id = lettering.id
        WHERE lettering.chambre_id = $1 AND lettering.auxiliary_number = $2 AND lettering.lettering_key = $3
          AND NOT EXISTS (SELECT 1 FROM accounting_lettering_ends ending WHERE ending.lettering_id = lettering.id)
        GROUP BY lettering.id`,
      [chambreId, auxiliaryNumber, letteringKey],
    );
    return row ? { id: row.id, lineIds: row.line_ids } : null;
  }

  async end(letteringId: string, endedOn: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO accounting_lettering_ends (lettering_id, ended_on) VALUES ($1, $2)`,
      [letteringId, endedOn],
    );
  }

  /** How many letterings the account has had: the next one's code follows. */
  async countOnAccount(
    chambreId: string,
    auxiliaryNumber: string,
    manager: EntityManager,
  ): Promise<number> {
    const [row] = await manager.query<{ count: number }[]>(
      `SELECT count(*)::integer AS count FROM accounting_letterings
        WHERE chambre_id = $1 AND auxiliary_number = $2`,
      [chambreId, auxiliaryNumber],
    );
    return row.count;
  }

  async letter(
    lettering: {
      chambreId: string;
      auxiliaryNumber: string;
      letteringKey: string;
      code: string;
      letteredOn: string;
      lineIds: string[];
    },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `WITH lettering AS (
         INSERT INTO accounting_letterings (chambre_id, auxiliary_number, lettering_key, code, lettered_on)
         VALUES ($1, $2, $3, $4, $5) RETURNING id
       )
       INSERT INTO accounting_lettering_lines (lettering_id, line_id)
       SELECT lettering.id, line_id FROM lettering, unnest($6::uuid[]) AS line_id`,
      [
        lettering.chambreId,
        lettering.auxiliaryNumber,
        lettering.letteringKey,
        lettering.code,
        lettering.letteredOn,
        lettering.lineIds,
      ],
    );
  }
}
