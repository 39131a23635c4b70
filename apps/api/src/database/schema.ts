import { accountingMigrations } from '@mutualis/accounting';
import { bookingMigrations } from '@mutualis/booking';
import { catalogueMigrations } from '@mutualis/catalogue';
import { coreMigrations } from '@mutualis/core';
import { documentsMigrations } from '@mutualis/documents';
import { identityMigrations } from '@mutualis/identity';
import { invoicingMigrations } from '@mutualis/invoicing';
import { membershipMigrations } from '@mutualis/membership';
import { notificationsMigrations } from '@mutualis/notifications';
import { paymentsMigrations } from '@mutualis/payments';
import { reconciliationMigrations } from '@mutualis/reconciliation';
import { trainingMigrations } from '@mutualis/training';

/** Every context's migrations, applied in timestamp order by the migrator. */
export const allMigrations = [
  ...coreMigrations,
  ...documentsMigrations,
  ...identityMigrations,
  ...catalogueMigrations,
  ...bookingMigrations,
  ...invoicingMigrations,
  ...paymentsMigrations,
  ...membershipMigrations,
  ...trainingMigrations,
  ...notificationsMigrations,
  ...reconciliationMigrations,
  ...accountingMigrations,
];
