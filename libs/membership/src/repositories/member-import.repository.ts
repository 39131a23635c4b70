import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { MemberFamily } from '../membership.types';
import type { RefusedImportLine } from '../imports/member-import-file';

export type MemberImportStatus = 'running' | 'completed' | 'failed';

export interface MemberImportRow {
  id: string;
  fileName: string;
  status: MemberImportStatus;
  total: number;
  processed: number;
  created: number;
  updated: number;
  refused: number;
  report: RefusedImportLine[];
  startedBy: string;
  startedAt: Date;
  completedAt: Date | null;
  error: string | null;
}

export interface NewMemberImport {
  chambreId: string;
  fileName: string;
  fileSha256: string;
  content: string;
  total: number;
  refused: RefusedImportLine[];
  startedBy: string;
}

const COLUMNS = `id, file_name, status, total, processed, created, updated, refused, report,
  started_by, started_at, completed_at, error`;

interface RawImport {
  id: string;
  file_name: string;
  status: MemberImportStatus;
  total: number;
  processed: number;
  created: number;
  updated: number;
  refused: number;
  report: RefusedImportLine[];
  started_by: string;
  started_at: Date;
  completed_at: Date | null;
  error: string | null;
}

function toRow(raw: RawImport): MemberImportRow {
  return {
    id: raw.id,
    fileName: raw.file_name,
    status: raw.status,
    total: raw.total,
    processed: raw.processed,
    created: raw.created,
    updated: raw.updated,
    refused: raw.refused,
    report: raw.report,
    startedBy: raw.started_by,
    startedAt: raw.started_at,
    completedAt: raw.completed_at,
    error: raw.error,
  };
}

/** membership_imports, and the profiles an import gives the organisations it brings in. */
@Injectable()
export class MemberImportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(input: NewMemberImport, manager: EntityManager): Promise<MemberImportRow> {
    const [raw] = await manager.query<RawImport[]>(
      `INSERT INTO membership_imports (chambre_id, file_name, file_sha256, content, total, refused,
         report, started_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
       RETURNING ${COLUMNS}`,
      [
        input.chambreId,
        input.fileName,
        input.fileSha256,
        input.content,
        input.total,
        input.refused.length,
        JSON.stringify(input.refused),
        input.startedBy,
      ],
    );
    return toRow(raw);
  }

  async findById(
    chambreId: string,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MemberImportRow | null> {
    const [raw] = await manager.query<RawImport[]>(
      `SELECT ${COLUMNS} FROM membership_imports WHERE chambre_id = $1 AND id = $2`,
      [chambreId, id],
    );
    return raw ? toRow(raw) : null;
  }

  /** The running import, locked for one batch (a second delivery of its job waits, then sees). */
  async lockRunning(
    id: string,
    manager: EntityManager,
  ): Promise<(MemberImportRow & { content: string }) | null> {
    const [raw] = await manager.query<(RawImport & { content: string })[]>(
      `SELECT ${COLUMNS}, content FROM membership_imports
        WHERE id = $1 AND status = 'running' AND content IS NOT NULL
        FOR UPDATE`,
      [id],
    );
    return raw ? { ...toRow(raw), content: raw.content } : null;
  }

  /** A batch's counts, in its transaction: a crash resumes after the last committed batch. */
  async advance(
    id: string,
    batch: { processed: number; created: number; updated: number },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE membership_imports
          SET processed = processed + $2, created = created + $3, updated = updated + $4
        WHERE id = $1`,
      [id, batch.processed, batch.created, batch.updated],
    );
  }

  /** Done: the file (contact addresses) is dropped, the counts and refused lines stay. */
  async complete(id: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE membership_imports SET status = 'completed', completed_at = now(), content = NULL
        WHERE id = $1`,
      [id],
    );
  }

  async fail(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE membership_imports SET status = 'failed', completed_at = now(), error = $2,
              content = NULL
        WHERE id = $1 AND status = 'running'`,
      [id, error.slice(0, 2000)],
    );
  }

  /**
   * The profile an imported organisation's fee is computed from: its family, size unknown
   * (null) until it declares it. A profile the organisation already declared is kept; only a
   * missing contact address is filled in.
   */
  async upsertProfiles(
    chambreId: string,
    profiles: { organisationId: string; family: MemberFamily; contactEmail: string }[],
    manager: EntityManager,
  ): Promise<void> {
    if (profiles.length === 0) return;
    await manager.query(
      `INSERT INTO membership_profiles (organisation_id, chambre_id, family, contact_email)
       SELECT organisation_id, $1, family, contact_email
         FROM unnest($2::uuid[], $3::text[], $4::text[]) AS input(organisation_id, family, contact_email)
       ON CONFLICT (organisation_id) DO UPDATE
         SET contact_email = EXCLUDED.contact_email, updated_at = now()
         WHERE membership_profiles.contact_email IS NULL`,
      [
        chambreId,
        profiles.map((profile) => profile.organisationId),
        profiles.map((profile) => profile.family),
        profiles.map((profile) => profile.contactEmail),
      ],
    );
  }
}
