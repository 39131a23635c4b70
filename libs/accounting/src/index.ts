export * from './accounting.exception';
export * from './accounting.module';
export * from './journal/entry-draft';
export * from './migrations';
export * from './services/journal-writer';
