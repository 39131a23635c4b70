import { InvoiceDocument, renderInvoicePdf } from '../pdf/invoice-pdf.renderer';
import { buildCiiInvoice } from './cii-invoice';

/**
 * The stored document of an invoice or credit note: a Factur-X (EN 16931 profile), the PDF/A-3
 * people read with the CII XML machines read attached, both from the same snapshot so they
 * cannot disagree. Deterministic: the same document renders the same bytes.
 */
export function renderFacturX(document: InvoiceDocument): Promise<Buffer> {
  return renderInvoicePdf(document, { facturX: { xml: buildCiiInvoice(document) } });
}
