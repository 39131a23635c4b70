import { CreateInvoicing1795680400000 } from './1795680400000-create-invoicing';
import { CreateInvoicePayments1795680600000 } from './1795680600000-create-invoice-payments';
import { ReversibleInvoicePayments1795680750000 } from './1795680750000-reversible-invoice-payments';
import { ProtectInvoiceRecords1796204100000 } from './1796204100000-protect-invoice-records';
import { ChambreIdentifiers1796204050000 } from './1796204050000-chambre-identifiers';

export const invoicingMigrations = [
  CreateInvoicing1795680400000,
  CreateInvoicePayments1795680600000,
  ReversibleInvoicePayments1795680750000,
  ChambreIdentifiers1796204050000,
  ProtectInvoiceRecords1796204100000,
];
