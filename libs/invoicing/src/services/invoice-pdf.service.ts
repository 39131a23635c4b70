import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvoiceLine } from '../entities/invoice-line.entity';
import { InvoicingErrorCode, InvoicingException } from '../invoicing.exception';
import { Invoice } from '../entities/invoice.entity';
import { renderFacturX } from '../einvoice/factur-x';
import { InvoiceDocument } from '../pdf/invoice-pdf.renderer';
import { STORED_LOGO_SIDE, logoDimensions, normaliseLogo } from '../pdf/logo-image';
import { InvoiceRepository, StoredInvoice } from '../repositories/invoice.repository';
import { InvoiceStorage, sha256 } from '../storage/invoice-storage';
import { channelFor } from '../transmission/transmission-channel';
import { TransmissionScheduler } from '../transmission/transmission-scheduler';

/**
 * Renders an issued invoice once and stores it with its SHA-256. Rendering comes after the
 * issuing transaction; if a worker stops in between, the retried job (or the next one) finds
 * the invoice issued without its PDF and renders it.
 */
@Injectable()
export class InvoicePdfService {
  private readonly logger = new Logger(InvoicePdfService.name);
  /** Invoices in a row print the same logo: it is read and checked once. */
  private lastLogo: { key: string; content: Buffer | null } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invoices: InvoiceRepository,
    private readonly storage: InvoiceStorage,
    private readonly transmissions: TransmissionScheduler,
  ) {}

  async ensure(invoiceId: string): Promise<void> {
    const invoice = await this.invoices.findById(invoiceId);
    if (!invoice || invoice.status === 'draft' || invoice.pdfSha256) return;
    await this.store({ invoice, lines: await this.invoices.linesOf([invoice.id]) });
  }

  /**
   * Renders and stores the PDF of an invoice its caller has just issued and still holds, with
   * its lines: the issuing worker does not read back what it wrote.
   */
  async store({ invoice, lines }: StoredInvoice): Promise<void> {
    const original = invoice.correctsInvoiceId
      ? await this.invoices.findById(invoice.correctsInvoiceId)
      : null;
    const logo = invoice.seller.logoKey ? await this.printableLogo(invoice.seller.logoKey) : null;
    const content = await renderFacturX(toDocument(invoice, lines, original, logo));
    const key = `${invoice.year}/${invoice.number}.pdf`;
    const stored = await this.dataSource.transaction(async (manager) => {
      // One writer per invoice, under its row lock: the issuer and a late sweep never write two
      // files under one key, and the hash recorded is the hash of the file kept. Written once:
      // a trigger refuses to replace them.
      const current = await this.invoices.findByIdForUpdate(invoice.id, manager);
      if (!current || current.pdfSha256) return false;
      await this.storage.put(key, content);
      await this.invoices.update(invoice.id, { pdfPath: key, pdfSha256: sha256(content) }, manager);
      return true;
    });
    if (!stored) return;
    this.logger.log(
      { invoiceId: invoice.id, number: invoice.number, bytes: content.length },
      'invoice PDF stored',
    );
    // The document a platform is sent is the stored Factur-X: its first step can run now (a
    // job lost here is the sweep's: the transmission is due from its issue).
    if (channelFor(invoice.buyer) !== 'email') await this.transmissions.schedule(invoice.id, 0, 0);
  }

  /**
   * The stored logo, as the PDF embeds it. Logos are re-encoded small at upload; one stored
   * before that (any size an admin sent) is scaled down here, or left out when it is past the
   * upload limits, rather than decoded whole by PDFKit on every invoice. Only the header is
   * read for a logo already small, so its invoices render the same bytes as before.
   */
  private async printableLogo(key: string): Promise<Buffer | null> {
    if (this.lastLogo?.key === key) return this.lastLogo.content;
    const stored = await this.storage.get(key);
    const size = await logoDimensions(stored);
    let content: Buffer | null = stored;
    if (!size) content = null;
    else if (size.width > STORED_LOGO_SIDE || size.height > STORED_LOGO_SIDE) {
      content = await normaliseLogo(stored).then(
        (logo) => logo.png,
        () => null,
      );
    }
    if (content === null) {
      this.logger.warn({ key, size }, 'stored logo too large or unreadable: printed without it');
    }
    this.lastLogo = { key, content };
    return content;
  }

  /** The stored PDF of an issued invoice (rendered first if it is still missing), checked. */
  async read(invoiceId: string): Promise<{ fileName: string; content: Buffer } | null> {
    await this.ensure(invoiceId);
    const invoice = await this.invoices.findById(invoiceId);
    if (!invoice?.pdfPath || !invoice.number) return null;
    return { fileName: `${invoice.number}.pdf`, content: await this.verifiedContent(invoice) };
  }

  /**
   * The stored PDF, only if it is the one recorded when the invoice was issued: a file changed
   * or gone since is never handed out (a download, an e-mail's attachment) as the invoice. It
   * is an alert for the Chambre's staff, and a problem for the caller, who can still read the
   * invoice's data.
   */
  async verifiedContent(invoice: Invoice): Promise<Buffer> {
    const content = await this.storage.get(invoice.pdfPath!).catch((error: unknown) => {
      if ((error as { code?: string }).code === 'ENOENT') return null;
      throw error;
    });
    const actual = content ? sha256(content) : null;
    if (content && actual === invoice.pdfSha256) return content;
    this.logger.error(
      {
        alert: 'invoice_pdf_integrity',
        invoiceId: invoice.id,
        number: invoice.number,
        path: invoice.pdfPath,
        recordedSha256: invoice.pdfSha256,
        actualSha256: actual,
      },
      content
        ? 'ALERT: the stored PDF of an invoice no longer matches the SHA-256 recorded when it was issued; not served'
        : 'ALERT: the stored PDF of an invoice is missing; not served',
    );
    throw new InvoicingException(
      InvoicingErrorCode.PdfIntegrityFailed,
      `the archived PDF of ${invoice.number} ${
        content
          ? 'no longer matches the fingerprint (SHA-256) recorded when it was issued'
          : 'cannot be found'
      }, so it is not sent. The Chambre's staff have been alerted; the invoice itself is unchanged and its data can still be read.`,
    ).with({ invoiceNumber: invoice.number! });
  }
}

export function toDocument(
  invoice: Invoice,
  lines: InvoiceLine[],
  original: Invoice | null,
  logo: Buffer | null = null,
): InvoiceDocument {
  return {
    kind: invoice.type,
    typeCode: invoice.typeCode,
    number: invoice.number!,
    issueDate: invoice.issueDate!,
    serviceDate: invoice.serviceDate,
    serviceEndDate: invoice.serviceEndDate,
    serviceCancelled: invoice.serviceCancelled,
    dueDate: invoice.dueDate,
    precedingInvoice:
      original?.number && original.issueDate
        ? { number: original.number, issueDate: original.issueDate }
        : undefined,
    seller: {
      name: invoice.seller.name,
      addressLines: invoice.seller.addressLines,
      siret: invoice.seller.siret,
      vatNumber: invoice.seller.vatRegime === 'franchise' ? null : invoice.seller.vatNumber,
      trainingDeclarationNumber: invoice.seller.trainingDeclarationNumber,
      vatOnDebits: invoice.seller.vatOnDebits ?? false,
      iban: invoice.seller.iban,
      bic: invoice.seller.bic,
      email: invoice.seller.email ?? undefined,
      phone: invoice.seller.phone ?? undefined,
      logo,
      address: invoice.seller.address,
    },
    buyer: {
      name: invoice.buyer.name,
      addressLines: invoice.buyer.addressLines,
      siret: invoice.buyer.siret,
      rna: invoice.buyer.rna ?? null,
      email: invoice.buyer.billingEmail,
      vatNumber: invoice.buyer.vatNumber,
      address: invoice.buyer.address,
      vatRegistered: invoice.buyer.vatRegistered,
    },
    publicBuyer: invoice.buyer.publicBody === true,
    buyerReference: invoice.buyer.publicProcurement?.serviceCode ?? null,
    purchaseOrderReference: invoice.buyer.publicProcurement?.engagementNumber ?? null,
    chorusStructureSiret: invoice.buyer.publicProcurement?.structureSiret ?? null,
    lines: lines.map((line) => ({
      description: line.description,
      quantity: line.quantity,
      unitPriceExclVatCents: line.unitPriceExclVatCents,
      vatCategory: line.vatCategory,
      vatRateBasisPoints: line.vatRateBasisPoints,
      exemptionReason: line.exemptionReason ?? undefined,
      vatRegime: line.vatRegime,
      vatexCode: line.vatexCode,
      lineTotalExclVatCents: line.lineTotalExclVatCents,
    })),
    vatBreakdown: invoice.vatBreakdown,
    totalExclVatCents: invoice.totalExclVatCents,
    totalVatCents: invoice.totalVatCents,
    totalInclVatCents: invoice.totalInclVatCents,
    // As issued, not what remains after later payments: the stored PDF (and its hash) never changes.
    prepaidAmountCents: invoice.prepaidAmountCents,
    amountDueCents: invoice.payableAmountCents ?? invoice.totalInclVatCents,
    paymentMeans: invoice.paymentMeans,
    paidOn: invoice.paidOn,
    // Credit notes issued before they lost theirs still hold one; none is printed.
    paymentReference: invoice.type === 'invoice' ? invoice.paymentReference : null,
    latePenaltyRate: invoice.seller.latePaymentRate,
  };
}
