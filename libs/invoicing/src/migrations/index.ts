import { CreateInvoicing1795680400000 } from './1795680400000-create-invoicing';

export const invoicingMigrations = [CreateInvoicing1795680400000];
