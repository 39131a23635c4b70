export * from './documents.module';
export * from './entities';
export * from './migrations';
export * from './services/document-store';
export * from './storage/document-storage';
