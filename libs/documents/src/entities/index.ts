import { DocumentSignature } from './document-signature.entity';
import { StoredDocument } from './document.entity';

export * from './document-signature.entity';
export * from './document.entity';

export const documentsEntities = [StoredDocument, DocumentSignature];
