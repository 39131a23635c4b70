import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DocumentStore, StoredDocument } from '@mutualis/documents';
import { TrainingDocument } from '../entities/training-document.entity';
import { TrainingDocumentRepository } from '../repositories/training-document.repository';
import type { TrainingDocumentKind } from '../training.types';

export interface NewTrainingDocument {
  kind: TrainingDocumentKind;
  /** Versions of one document share it, e.g. `convention:<bookingId>`. */
  seriesKey: string;
  title: string;
  fileName: string;
  content: Buffer;
  offeringId: string;
  sessionId?: string | null;
  bookingId?: string | null;
  attendeeId?: string | null;
  organisationId?: string | null;
  createdBy?: string | null;
}

export interface TrainingDocumentRecord {
  link: TrainingDocument;
  document: StoredDocument;
}

/**
 * The training body's documents: each one stored immutably (documents lib) and linked to the
 * offering, session, booking and trainee it is about, so they can be listed and their readers
 * decided from those links.
 */
@Injectable()
export class TrainingDocumentsService {
  constructor(
    private readonly store: DocumentStore,
    private readonly links: TrainingDocumentRepository,
  ) {}

  /** Stores a new document (or a new version of a series) in the caller's transaction. */
  async record(
    input: NewTrainingDocument,
    manager: EntityManager,
  ): Promise<TrainingDocumentRecord> {
    const document = await this.store.store(
      {
        kind: `training.${input.kind}`,
        seriesKey: input.seriesKey,
        title: input.title,
        fileName: input.fileName,
        content: input.content,
        createdBy: input.createdBy ?? null,
      },
      manager,
    );
    const link = await this.links.insert(
      {
        documentId: document.id,
        kind: input.kind,
        offeringId: input.offeringId,
        sessionId: input.sessionId ?? null,
        bookingId: input.bookingId ?? null,
        attendeeId: input.attendeeId ?? null,
        organisationId: input.organisationId ?? null,
      },
      manager,
    );
    return { link, document };
  }

  /** The links and documents matching, oldest first. */
  async list(
    where: {
      kind?: TrainingDocumentKind;
      offeringId?: string;
      sessionId?: string;
      bookingId?: string;
      attendeeId?: string;
    },
    manager?: EntityManager,
  ): Promise<TrainingDocumentRecord[]> {
    const links = await this.links.find(where, manager);
    const documents = new Map(
      (
        await this.store.findMany(
          links.map((link) => link.documentId),
          manager,
        )
      ).map((document) => [document.id, document]),
    );
    return links.map((link) => ({ link, document: documents.get(link.documentId)! }));
  }

  /** The latest version of a series, or null. */
  async latest(seriesKey: string, manager?: EntityManager): Promise<TrainingDocumentRecord | null> {
    const document = await this.store.latest(seriesKey, manager);
    if (!document) return null;
    const link = await this.links.findByDocumentId(document.id, manager);
    return link ? { link, document } : null;
  }

  linkOf(documentId: string, manager?: EntityManager): Promise<TrainingDocument | null> {
    return this.links.findByDocumentId(documentId, manager);
  }
}
