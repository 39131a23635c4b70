import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogueErrorCode } from '@mutualis/catalogue';
import {
  configureChambre,
  createTestContext,
  insertConsultant,
  insertPublishedSession,
  insertPublishedSlot,
  pdfLines,
} from '@mutualis/testing';
import { TrainingModule } from '../training.module';
import { TrainingErrorCode } from '../training.exception';
import { GetProgrammePdfUseCase } from '../use-cases/get-programme-pdf/get-programme-pdf.use-case';
import { ProgrammeDocumentsService, programmeSeriesKey } from './programme-documents.service';
import { TrainingDocumentsService } from './training-documents.service';

describe('A training’s programme', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let storage: string;
  let programmes: ProgrammeDocumentsService;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-programme-'));
    context = await createTestContext([TrainingModule], { DOCUMENT_STORAGE_DIR: storage });
    db = context.get(DataSource);
    programmes = context.get(ProgrammeDocumentsService);
    await configureChambre(db);
  });

  afterAll(async () => {
    await context.close();
    rmSync(storage, { recursive: true, force: true });
  });

  it('is recorded once per published version: a replay records nothing, a change a new version', async () => {
    const { offeringId } = await insertPublishedSession(db);
    expect(await programmes.recordPublished(offeringId)).toBe('recorded');
    expect(await programmes.recordPublished(offeringId)).toBe('unchanged');

    await db.query(
      `UPDATE offerings SET title = 'Formation de test, version 2', updated_at = now() WHERE id = $1`,
      [offeringId],
    );
    expect(await programmes.recordPublished(offeringId)).toBe('recorded');

    const versions = await context.get(TrainingDocumentsService).list({ offeringId });
    expect(versions.map(({ link, document }) => [link.kind, document.version])).toEqual([
      ['programme', 1],
      ['programme', 2],
    ]);
    const latest = await context
      .get(TrainingDocumentsService)
      .latest(programmeSeriesKey(offeringId));
    expect(latest!.document.title).toBe('Programme — Formation de test, version 2');
  });

  it('is not recorded for a consultation nor for an offering no longer published', async () => {
    const { offeringId: consultation } = await insertPublishedSlot(db);
    expect(await programmes.recordPublished(consultation)).toBe('skipped');
    const { offeringId } = await insertPublishedSession(db);
    await db.query(`UPDATE offerings SET status = 'archived' WHERE id = $1`, [offeringId]);
    expect(await programmes.recordPublished(offeringId)).toBe('skipped');
  });

  it('is public once published, its draft only for its consultant and admins (404 for others), and none for a consultation', async () => {
    const get = context.get(GetProgrammePdfUseCase);
    const { offeringId, consultantId } = await insertPublishedSession(db);
    const published = await get.execute(null, offeringId);
    expect(pdfLines(published.pdf).join(' ')).toContain('Objectifs pédagogiques');

    await db.query(`UPDATE offerings SET status = 'draft' WHERE id = $1`, [offeringId]);
    const stranger = { userId: await insertConsultant(db), roles: ['consultant' as const] };
    for (const actor of [null, stranger]) {
      await expect(get.execute(actor, offeringId)).rejects.toMatchObject({
        code: CatalogueErrorCode.OfferingNotFound,
      });
    }
    const owner = { userId: consultantId, roles: ['consultant' as const] };
    expect((await get.execute(owner, offeringId)).pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const { offeringId: consultation } = await insertPublishedSlot(db);
    await expect(get.execute(null, consultation)).rejects.toMatchObject({
      code: TrainingErrorCode.NotATraining,
    });
  });
});
