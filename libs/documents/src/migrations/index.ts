import type { MigrationInterface } from 'typeorm';
import { CreateDocuments1796207000000 } from './1796207000000-create-documents';

/** The documents context's tables, in timestamp order. */
export const documentsMigrations: (new () => MigrationInterface)[] = [CreateDocuments1796207000000];
