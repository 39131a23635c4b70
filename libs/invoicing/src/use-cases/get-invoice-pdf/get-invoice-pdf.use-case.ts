import { Injectable } from '@nestjs/common';
import { Actor } from '@mutualis/identity';
import { InvoicingErrorCode, InvoicingException } from '../../invoicing.exception';
import { InvoiceAccessService } from '../../services/invoice-access.service';
import { InvoicePdfService } from '../../services/invoice-pdf.service';

@Injectable()
export class GetInvoicePdfUseCase {
  constructor(
    private readonly access: InvoiceAccessService,
    private readonly pdf: InvoicePdfService,
  ) {}

  /** The stored PDF, as it was rendered when the invoice was issued (checked against its hash). */
  async execute(actor: Actor, invoiceId: string): Promise<{ filename: string; content: Buffer }> {
    const invoice = await this.access.readable(actor, invoiceId);
    if (!invoice.pdfPath || !invoice.number) {
      throw new InvoicingException(
        InvoicingErrorCode.PdfNotReady,
        'this invoice’s PDF is being prepared; try again shortly',
      );
    }
    return { filename: `${invoice.number}.pdf`, content: await this.pdf.verifiedContent(invoice) };
  }
}
