export * from './accounting.module';
export * from './journal/entry-draft';
export * from './migrations';
