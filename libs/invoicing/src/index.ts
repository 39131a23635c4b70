export * from './domain/rf-reference';
export * from './entities';
export * from './invoicing.exception';
export * from './invoicing.module';
export * from './invoicing.types';
export * from './migrations';
// The PDF of an invoice, as stored: a test compares the stored bytes with a fresh rendering.
export { renderInvoicePdf } from './pdf/invoice-pdf.renderer';
export * from './repositories/invoice.repository';
export * from './services/invoice-ledger.service';
export * from './services/invoice-pdf.service';
export * from './use-cases/chambre-settings/chambre-settings.use-case';
export * from './use-cases/create-draft-invoice/create-draft-invoice.use-case';
export * from './use-cases/issue-booking-invoice/issue-booking-invoice.use-case';
export * from './use-cases/issue-credit-note/issue-credit-note.use-case';
export * from './use-cases/list-invoices/list-invoices.use-case';
export * from './use-cases/record-invoice-payment/record-invoice-payment.use-case';
export * from './use-cases/request-credit-note/request-credit-note.use-case';
export * from './views/invoice.view';
