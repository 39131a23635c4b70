import { CreateInvoicing1795680400000 } from './1795680400000-create-invoicing';
import { CreateInvoicePayments1795680600000 } from './1795680600000-create-invoice-payments';
import { ReversibleInvoicePayments1795680750000 } from './1795680750000-reversible-invoice-payments';
import { InvoicePaymentReference1796201000000 } from './1796201000000-invoice-payment-reference';
import { InvoiceVatRegimes1796202100000 } from './1796202100000-invoice-vat-regimes';
import { ChambreVatOnDebits1796202150000 } from './1796202150000-chambre-vat-on-debits';
import { InvoiceSettlement1796203000000 } from './1796203000000-invoice-settlement';
import { ProtectInvoiceRecords1796204100000 } from './1796204100000-protect-invoice-records';
import { ChambreIdentifiers1796204050000 } from './1796204050000-chambre-identifiers';
import { CreateInvoiceTransmissions1796205000000 } from './1796205000000-create-invoice-transmissions';
import { OpenMembershipInvoices1796206500000 } from './1796206500000-open-membership-invoices';
import { MembershipInvoices1796206100000 } from './1796206100000-membership-invoices';

export const invoicingMigrations = [
  CreateInvoicing1795680400000,
  CreateInvoicePayments1795680600000,
  ReversibleInvoicePayments1795680750000,
  InvoicePaymentReference1796201000000,
  InvoiceVatRegimes1796202100000,
  ChambreVatOnDebits1796202150000,
  InvoiceSettlement1796203000000,
  ChambreIdentifiers1796204050000,
  ProtectInvoiceRecords1796204100000,
  CreateInvoiceTransmissions1796205000000,
  MembershipInvoices1796206100000,
  OpenMembershipInvoices1796206500000,
];
