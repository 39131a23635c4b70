import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { DocumentSignature } from '../entities/document-signature.entity';
import { StoredDocument } from '../entities/document.entity';

@Injectable()
export class DocumentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The next version of a series, taken under a transaction-scoped lock on the series so two
   * writers of one series never get the same number.
   */
  async nextVersion(seriesKey: string, manager: EntityManager): Promise<number> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('documents:' || $1, 0))`, [
      seriesKey,
    ]);
    const [row] = await manager.query<{ next: number }[]>(
      `SELECT coalesce(max(version), 0) + 1 AS next FROM documents WHERE series_key = $1`,
      [seriesKey],
    );
    return Number(row.next);
  }

  insert(document: Omit<StoredDocument, 'createdAt'>, manager: EntityManager) {
    return manager.getRepository(StoredDocument).save(manager.create(StoredDocument, document));
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager) {
    return manager.findOneBy(StoredDocument, { id });
  }

  findByIds(ids: string[], manager: EntityManager = this.dataSource.manager) {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.find(StoredDocument, { where: { id: In(ids) }, order: { createdAt: 'ASC' } });
  }

  latestOfSeries(seriesKey: string, manager: EntityManager = this.dataSource.manager) {
    return manager.findOne(StoredDocument, {
      where: { seriesKey },
      order: { version: 'DESC' },
    });
  }

  insertSignature(signature: Omit<DocumentSignature, 'id'>, manager: EntityManager) {
    return manager
      .getRepository(DocumentSignature)
      .save(manager.create(DocumentSignature, signature));
  }

  signaturesOf(documentIds: string[], manager: EntityManager = this.dataSource.manager) {
    if (documentIds.length === 0) return Promise.resolve([]);
    return manager.find(DocumentSignature, {
      where: { documentId: In(documentIds) },
      order: { signedAt: 'ASC' },
    });
  }
}
