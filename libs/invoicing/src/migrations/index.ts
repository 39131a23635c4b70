import { CreateInvoicing1795680400000 } from './1795680400000-create-invoicing';
import { CreateInvoicePayments1795680600000 } from './1795680600000-create-invoice-payments';
import { ReversibleInvoicePayments1795680750000 } from './1795680750000-reversible-invoice-payments';
import { InvoiceSettlement1796203000000 } from './1796203000000-invoice-settlement';

export const invoicingMigrations = [
  CreateInvoicing1795680400000,
  CreateInvoicePayments1795680600000,
  ReversibleInvoicePayments1795680750000,
  InvoiceSettlement1796203000000,
];
