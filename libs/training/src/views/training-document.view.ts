import type { DocumentSignature, StoredDocument } from '@mutualis/documents';
import type { TrainingDocument } from '../entities/training-document.entity';
import type { TrainingDocumentKind } from '../training.types';

export interface DocumentSignatureView {
  party: string;
  signerName: string;
  signerCapacity: string | null;
  signedAt: string;
  /** The SHA-256 of the version signed. */
  documentSha256: string;
}

/** One stored version of a training document, as those entitled to it see it. */
export interface TrainingDocumentView {
  id: string;
  kind: TrainingDocumentKind;
  title: string;
  fileName: string;
  version: number;
  /** Whether it is its series' newest version (older ones stay readable, never replaced). */
  latest: boolean;
  sha256: string;
  byteSize: number;
  createdAt: string;
  sessionId: string | null;
  bookingId: string | null;
  attendeeId: string | null;
  /** The signatures given on this very version. */
  signatures: DocumentSignatureView[];
}

export function presentTrainingDocument(
  link: TrainingDocument,
  document: StoredDocument,
  latest: boolean,
  signatures: DocumentSignature[],
): TrainingDocumentView {
  return {
    id: document.id,
    kind: link.kind,
    title: document.title,
    fileName: document.fileName,
    version: document.version,
    latest,
    sha256: document.sha256,
    byteSize: document.byteSize,
    createdAt: document.createdAt.toISOString(),
    sessionId: link.sessionId,
    bookingId: link.bookingId,
    attendeeId: link.attendeeId,
    signatures: signatures
      .filter((signature) => signature.documentId === document.id)
      .map((signature) => ({
        party: signature.party,
        signerName: signature.signerName,
        signerCapacity: signature.signerCapacity,
        signedAt: signature.signedAt.toISOString(),
        documentSha256: signature.documentSha256,
      })),
  };
}
