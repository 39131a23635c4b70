import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * The Chambre whose books these are, and the lock that keeps posting, validation and closing
 * apart: posting takes it shared (posts run side by side), validation and closing exclusive (a
 * month cannot close while an entry dated in it is being written, nor two validations hand out
 * the same numbers).
 */
@Injectable()
export class BooksRepository {
  private chambre: string | null = null;

  /**
   * One Chambre today (`default`, as invoicing's ChambreRepository reads it). Read with the
   * caller's manager, so a post inside a transaction never waits for a second connection.
   */
  async chambreId(manager: EntityManager): Promise<string> {
    if (this.chambre === null) {
      const [row] = await manager.query<{ id: string }[]>(
        `SELECT id FROM chambres WHERE slug = 'default'`,
      );
      if (!row) throw new Error('the Chambre is not set up: run the migrations');
      this.chambre = row.id;
    }
    return this.chambre;
  }

  async lockShared(chambreId: string, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))`, [
      `accounting-books:${chambreId}`,
    ]);
  }

  async lockExclusive(chambreId: string, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `accounting-books:${chambreId}`,
    ]);
  }

  /**
   * Organisations' names as they are now, for their auxiliary accounts' labels. Read in the
   * caller's transaction (the identity context's directory would take a second connection from
   * the pool while this one is held, which under load can exhaust it).
   */
  async organisationNames(ids: string[], manager: EntityManager): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.query<{ id: string; legal_name: string }[]>(
      `SELECT id, legal_name FROM organisations WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.legal_name]));
  }
}
