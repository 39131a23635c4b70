import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DocumentSignature } from '../entities/document-signature.entity';
import { StoredDocument } from '../entities/document.entity';
import { DocumentRepository } from '../repositories/document.repository';
import { DocumentStorage } from '../storage/document-storage';

export interface NewDocument {
  kind: string;
  seriesKey: string;
  title: string;
  fileName: string;
  content: Buffer;
  createdBy?: string | null;
}

export interface NewSignature {
  documentId: string;
  party: string;
  signerUserId: string | null;
  signerName: string;
  signerEmail?: string | null;
  signerCapacity?: string | null;
  /** The hash of the bytes the signer was shown; refused unless it is the document's. */
  documentSha256: string;
  consentText: string;
  ipAddress?: string | null;
  userAgent?: string | null;
  signedAt: Date;
}

export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Raised when stored bytes no longer match the hash recorded with them. */
export class DocumentIntegrityError extends Error {}

/**
 * Stores generated documents as immutable records and reads them back checked against their
 * hash. Storing writes the bytes under a key no other document has, then records the row in the
 * caller's transaction: a rolled-back transaction leaves an unreferenced file, never a row
 * without its bytes.
 */
@Injectable()
export class DocumentStore {
  constructor(
    private readonly documents: DocumentRepository,
    private readonly storage: DocumentStorage,
  ) {}

  async store(input: NewDocument, manager: EntityManager): Promise<StoredDocument> {
    const id = randomUUID();
    const version = await this.documents.nextVersion(input.seriesKey, manager);
    const storageKey = `${new Date().toISOString().slice(0, 7)}/${id}.pdf`;
    await this.storage.create(storageKey, input.content);
    return this.documents.insert(
      {
        id,
        kind: input.kind,
        seriesKey: input.seriesKey,
        version,
        title: input.title,
        fileName: input.fileName,
        contentType: 'application/pdf',
        sha256: sha256Hex(input.content),
        byteSize: input.content.length,
        storageKey,
        createdBy: input.createdBy ?? null,
      },
      manager,
    );
  }

  /** The document and its bytes, or null when there is no such document. */
  async read(
    id: string,
    manager?: EntityManager,
  ): Promise<{ document: StoredDocument; content: Buffer } | null> {
    const document = await this.documents.findById(id, manager);
    if (!document) return null;
    const content = await this.storage.read(document.storageKey);
    if (sha256Hex(content) !== document.sha256)
      throw new DocumentIntegrityError(`document ${id} does not match its recorded SHA-256`);
    return { document, content };
  }

  find(id: string, manager?: EntityManager): Promise<StoredDocument | null> {
    return this.documents.findById(id, manager);
  }

  findMany(ids: string[], manager?: EntityManager): Promise<StoredDocument[]> {
    return this.documents.findByIds(ids, manager);
  }

  latest(seriesKey: string, manager?: EntityManager): Promise<StoredDocument | null> {
    return this.documents.latestOfSeries(seriesKey, manager);
  }

  /** Records a signature; the database refuses one whose hash is not the document's. */
  sign(signature: NewSignature, manager: EntityManager): Promise<DocumentSignature> {
    return this.documents.insertSignature(
      {
        ...signature,
        signerEmail: signature.signerEmail ?? null,
        signerCapacity: signature.signerCapacity ?? null,
        ipAddress: signature.ipAddress ?? null,
        userAgent: signature.userAgent ?? null,
      },
      manager,
    );
  }

  signaturesOf(documentIds: string[], manager?: EntityManager): Promise<DocumentSignature[]> {
    return this.documents.signaturesOf(documentIds, manager);
  }
}
