import type { MigrationInterface } from 'typeorm';

/** The journal's tables, in timestamp order. */
export const accountingMigrations: (new () => MigrationInterface)[] = [];
