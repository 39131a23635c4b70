import { CreateReconciliation1795680800000 } from './1795680800000-create-reconciliation';

export const reconciliationMigrations = [CreateReconciliation1795680800000];
