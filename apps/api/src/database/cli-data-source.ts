import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { bookingEntities } from '@mutualis/booking';
import { catalogueEntities } from '@mutualis/catalogue';
import { OutboxEvent, postgresOptions } from '@mutualis/core';
import { identityEntities } from '@mutualis/identity';
import { invoicingEntities } from '@mutualis/invoicing';
import { notificationsEntities } from '@mutualis/notifications';
import { paymentsEntities } from '@mutualis/payments';
import { allMigrations } from './schema';

/**
 * For `npm run db:migration:generate` only: the TypeORM CLI compares these entities with the
 * database to draft a migration, which we then review and rewrite by hand.
 */
export default new DataSource({
  ...postgresOptions({
    url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mutualis',
  }),
  entities: [
    OutboxEvent,
    ...identityEntities,
    ...catalogueEntities,
    ...bookingEntities,
    ...invoicingEntities,
    ...paymentsEntities,
    ...notificationsEntities,
  ],
  migrations: allMigrations,
});
