import { CreateInvoicing1795680400000 } from './1795680400000-create-invoicing';
import { CreateInvoicePayments1795680600000 } from './1795680600000-create-invoice-payments';
import { ReversibleInvoicePayments1795680750000 } from './1795680750000-reversible-invoice-payments';
import { InvoicePaymentReference1796201000000 } from './1796201000000-invoice-payment-reference';

export const invoicingMigrations = [
  CreateInvoicing1795680400000,
  CreateInvoicePayments1795680600000,
  ReversibleInvoicePayments1795680750000,
  InvoicePaymentReference1796201000000,
];
