export * from './domain/rf-reference';
export * from './entities';
export * from './invoicing.exception';
export * from './invoicing.module';
export * from './invoicing.types';
export * from './migrations';
// The PDF of an invoice, as stored: a test compares the stored bytes with a fresh rendering.
export { renderInvoicePdf } from './pdf/invoice-pdf.renderer';
export * from './repositories/invoice.repository';
export * from './services/chambre-logo-formats';
export * from './services/chambre-settings.query';
export * from './services/invoice-facts.service';
export * from './services/invoice-ledger.service';
export * from './services/invoice-payment-recorder';
export * from './services/invoice-pdf.service';
export * from './use-cases/create-draft-invoice/create-draft-invoice.use-case';
export * from './use-cases/get-chambre-logo/get-chambre-logo.use-case';
export * from './use-cases/get-invoice/get-invoice.use-case';
export * from './use-cases/get-invoice-pdf/get-invoice-pdf.use-case';
export * from './use-cases/issue-booking-invoice/issue-booking-invoice.use-case';
export * from './use-cases/issue-credit-note/issue-credit-note.use-case';
export * from './use-cases/list-invoices/list-invoices.use-case';
export * from './use-cases/pay-invoice/pay-invoice.use-case';
export * from './use-cases/pay-invoice-groups/pay-invoice-groups.use-case';
export * from './use-cases/record-invoice-payment/record-invoice-payment.use-case';
export * from './use-cases/reverse-invoice-payment/reverse-invoice-payment.use-case';
export * from './use-cases/set-chambre-logo/set-chambre-logo.use-case';
export * from './use-cases/update-chambre-settings/update-chambre-settings.use-case';
export * from './use-cases/remove-chambre-logo/remove-chambre-logo.use-case';
export * from './use-cases/request-credit-note/request-credit-note.use-case';
export * from './views/chambre.view';
export * from './views/invoice.view';
export * from './invoicing.events';

/**
 * The name notifications still reads the Chambre's identity by (its dispatch is being rewritten
 * in parallel); the same class as ChambreSettingsQuery. Remove once nothing imports it.
 * @deprecated use ChambreSettingsQuery
 */
export { ChambreSettingsQuery as ChambreSettingsUseCase } from './services/chambre-settings.query';
