import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { TrainingDocument } from '../entities/training-document.entity';
import type { TrainingDocumentKind } from '../training.types';

@Injectable()
export class TrainingDocumentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  insert(link: Omit<TrainingDocument, 'createdAt'>, manager: EntityManager) {
    return manager.getRepository(TrainingDocument).save(manager.create(TrainingDocument, link));
  }

  findByDocumentId(documentId: string, manager: EntityManager = this.dataSource.manager) {
    return manager.findOneBy(TrainingDocument, { documentId });
  }

  /** Every link matching, oldest first (versions in the order they were made). */
  find(
    where: FindOptionsWhere<TrainingDocument> & { kind?: TrainingDocumentKind },
    manager: EntityManager = this.dataSource.manager,
  ) {
    return manager.find(TrainingDocument, {
      where,
      order: { createdAt: 'ASC', documentId: 'ASC' },
    });
  }
}
