import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CsvProfile } from '../parsers/statement-types';

type CsvProfileSettings = Omit<CsvProfile, 'id' | 'name'>;

/** The CSV profiles finance saved for its banks (the built-in ones live in the parser). */
@Injectable()
export class CsvProfileRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async listSaved(): Promise<CsvProfile[]> {
    const rows = await this.dataSource.query<
      { id: string; name: string; settings: CsvProfileSettings }[]
    >(`SELECT id, name, settings FROM csv_profiles ORDER BY name`);
    return rows.map((row) => ({ id: row.id, name: row.name, ...row.settings }));
  }

  /** The saved profile, locked until the caller's transaction ends; null when there is none. */
  async findForUpdate(
    id: string,
    manager: EntityManager,
  ): Promise<{ name: string; settings: CsvProfileSettings } | null> {
    const [row] = await manager.query<{ name: string; settings: CsvProfileSettings }[]>(
      `SELECT name, settings FROM csv_profiles WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ?? null;
  }

  async upsert(
    profile: { id: string; name: string; settings: CsvProfileSettings },
    createdBy: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO csv_profiles (id, name, settings, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, settings = excluded.settings`,
      [profile.id, profile.name, JSON.stringify(profile.settings), createdBy],
    );
  }
}
