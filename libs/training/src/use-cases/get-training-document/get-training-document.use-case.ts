import { Injectable } from '@nestjs/common';
import { DocumentStore } from '@mutualis/documents';
import { Actor } from '@mutualis/identity';
import { TrainingDocumentAccessService } from '../../services/training-document-access.service';
import { TrainingDocumentsService } from '../../services/training-documents.service';
import { documentNotFound } from '../../training.exception';

export interface TrainingDocumentFile {
  fileName: string;
  sha256: string;
  content: Buffer;
}

/** The bytes of one stored training document (checked against its SHA-256), for its readers. */
@Injectable()
export class GetTrainingDocumentUseCase {
  constructor(
    private readonly documents: TrainingDocumentsService,
    private readonly access: TrainingDocumentAccessService,
    private readonly store: DocumentStore,
  ) {}

  async execute(actor: Actor, documentId: string): Promise<TrainingDocumentFile> {
    const link = await this.documents.linkOf(documentId);
    if (!link) throw documentNotFound();
    await this.access.assertCanRead(actor, link);
    const stored = await this.store.read(documentId);
    if (!stored) throw documentNotFound();
    return {
      fileName: stored.document.fileName,
      sha256: stored.document.sha256,
      content: stored.content,
    };
  }
}
