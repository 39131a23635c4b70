import { CreateReconciliation1795680800000 } from './1795680800000-create-reconciliation';
import { MatchRefundsAndPayouts1795680850000 } from './1795680850000-match-refunds-and-payouts';

export const reconciliationMigrations = [
  CreateReconciliation1795680800000,
  MatchRefundsAndPayouts1795680850000,
];
