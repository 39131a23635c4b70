import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { documentsEntities } from './entities';
import { DocumentRepository } from './repositories/document.repository';
import { DocumentStore } from './services/document-store';
import { DocumentStorage, LocalDocumentStorage } from './storage/document-storage';

@Module({
  imports: [TypeOrmModule.forFeature(documentsEntities)],
  providers: [
    DocumentRepository,
    DocumentStore,
    { provide: DocumentStorage, useClass: LocalDocumentStorage },
  ],
  exports: [DocumentStore, DocumentStorage],
})
export class DocumentsModule {}
