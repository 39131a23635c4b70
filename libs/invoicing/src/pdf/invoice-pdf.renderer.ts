import PDFDocument from 'pdfkit';
import type { Font } from 'fontkit';
import { Money } from '@mutualis/core';
import type { InvoiceLineTotal, VatBreakdownEntry } from '../domain/invoice-totals';
import { formatRfReference } from '../domain/rf-reference';
import type { PaymentMeans } from '../domain/settlement';
import type { PostalAddress } from '../invoicing.types';
import { invoiceFonts, type InvoiceFonts } from './invoice-fonts';

export interface InvoiceDocumentParty {
  name: string;
  addressLines: readonly string[];
  /** 14 digits; its first 9 (the SIREN) are printed too. */
  siret: string;
  vatNumber: string | null;
  /** Structured (the e-invoice's BG-5/BG-8); absent on documents issued before it was kept. */
  address?: PostalAddress;
  /** The buyer is liable to VAT (assujetti): decides its 2027 e-invoicing flow. */
  vatRegistered?: boolean;
}

/**
 * The buyer: a small association without a SIRET is identified by its RNA number instead (it is
 * printed, and the e-invoice addresses it by e-mail, being in no e-invoicing directory).
 */
export interface InvoiceDocumentBuyer extends Omit<InvoiceDocumentParty, 'siret'> {
  /** 14 digits; null for an association known by its RNA number only. */
  siret: string | null;
  /** W + 9 digits; required when there is no SIRET. */
  rna?: string | null;
  /** Its billing e-mail: the e-invoice's electronic address (BT-49) of a buyer with no SIRET. */
  email?: string | null;
}

export interface InvoiceDocumentSeller extends InvoiceDocumentParty {
  /** Training provider's declaration number (NDA), printed with its legal mention. */
  trainingDeclarationNumber: string | null;
  /** The seller opted to pay VAT on its debits (CGI art. 269, 2, c). */
  vatOnDebits?: boolean;
  iban: string;
  bic: string;
  email?: string | null;
  phone?: string | null;
  /** The stored logo: re-encoded at upload by `normaliseLogo` (a PNG within 600×600 pixels). */
  logo?: Buffer | null;
}

/** Everything printed on an invoice or a credit note, and nothing else. Dates are YYYY-MM-DD. */
export interface InvoiceDocument {
  kind: 'invoice' | 'credit_note';
  /** EN 16931 / UNTDID 1001: 380 commercial invoice, 381 credit note. */
  typeCode: 380 | 381;
  number: string;
  issueDate: string;
  /** The day of the service, or the first of a service over several days. */
  serviceDate: string;
  /** The last day of a service over several days: the period is printed. */
  serviceEndDate?: string | null;
  /** A credit note for a cancelled service: it never took place, no date of it is printed. */
  serviceCancelled?: boolean;
  /**
   * By when the amount due is paid: required on an invoice that asks for money; on a credit
   * note, by when a refund by transfer is made.
   */
  dueDate: string | null;
  /** The invoice a credit note corrects: required on a credit note. */
  precedingInvoice?: { number: string; issueDate: string };
  seller: InvoiceDocumentSeller;
  buyer: InvoiceDocumentBuyer;
  /** A public body: public-procurement late-payment terms instead of the commercial ones. */
  publicBuyer?: boolean;
  /** EN 16931 BT-10: the buyer's reference (a Chorus Pro structure's code service). */
  buyerReference?: string | null;
  /** BT-13: the buyer's purchase order (a public buyer's numéro d'engagement juridique). */
  purchaseOrderReference?: string | null;
  /** SIRET of the Chorus Pro structure a public buyer's invoice is deposited to. */
  chorusStructureSiret?: string | null;
  /** As computed by `computeInvoiceTotals`; the totals below must add up from them. */
  lines: readonly InvoiceLineTotal[];
  vatBreakdown: readonly VatBreakdownEntry[];
  totalExclVatCents: number;
  totalVatCents: number;
  totalInclVatCents: number;
  /**
   * EN 16931 BT-113, settled when issued: an invoice's card or SEPA payment, or what a credit
   * note sets off against its invoice. 0 when absent.
   */
  prepaidAmountCents?: number;
  /** BT-115: total less prepaid; to pay on an invoice, to refund on a credit note. */
  amountDueCents: number;
  /**
   * How it is settled: the means the invoice is (or was) paid by, or a credit note's refund is
   * paid by. Null: nothing to pay, or a document issued before it was kept (printed as then).
   */
  paymentMeans: PaymentMeans | null;
  /** The day of the prepaid payment, or the day a credit note's refund to it was ordered. */
  paidOn?: string | null;
  /** ISO 11649 RF reference, printed in groups of four; none on a credit note. */
  paymentReference: string | null;
  /** « trois fois le taux d'intérêt légal ». */
  latePenaltyRate: string;
  /** Conditions of early payment (art. L441-9 du code de commerce); a default says there are none. */
  earlyPaymentDiscount?: string;
}

const NO_EARLY_PAYMENT_DISCOUNT = "Pas d'escompte pour paiement anticipé.";
const VAT_ON_DEBITS_MENTION = "Option pour le paiement de la taxe d'après les débits";

/** What is embedded besides the printed pages. */
export interface RenderOptions {
  /**
   * Makes the PDF a Factur-X: this CII XML (EN 16931 profile), the same invoice as data, is
   * attached as `factur-x.xml` and declared in the XMP metadata. Embedded byte for byte.
   */
  facturX?: { xml: string };
}

/** Factur-X 1.0: the attachment's name and the XMP schema that describes it. */
export const FACTUR_X_FILE_NAME = 'factur-x.xml';
export const FACTUR_X_NAMESPACE = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';
export const FACTUR_X_CONFORMANCE_LEVEL = 'EN 16931';
/**
 * The XML states the whole invoice (the EN 16931 profile, not MINIMUM or BASIC WL, whose data
 * only helps booking): Factur-X calls that an Alternative representation of the PDF's content.
 */
export const FACTUR_X_RELATIONSHIP = 'Alternative';

/**
 * An A4 PDF/A-3b in French of an invoice or credit note, with every mention French law and
 * EN 16931 ask for, and with `options.facturX` its Factur-X XML attached. The same document
 * renders the same bytes (no clock, no randomness: the creation date is the issue date), so a
 * stored SHA-256 can be checked against a new render. Text is set in DejaVu Sans, embedded
 * (subset): names print as written, in any script the font covers.
 */
export async function renderInvoicePdf(
  document: InvoiceDocument,
  options: RenderOptions = {},
): Promise<Buffer> {
  assertPrintable(document);
  const issueDay = new Date(`${document.issueDate}T00:00:00Z`);
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: 'fr-FR',
    displayTitle: true,
    // PDFKit then writes the pdfaid XMP, an sRGB output intent and the PDF 1.7 header.
    subset: 'PDF/A-3b',
    pdfVersion: '1.7',
    // No default font: PDFKit would load Helvetica's metrics for every document, unused.
    font: '',
    info: {
      // Written to the Info dictionary and the XMP alike (PDF/A wants them equal).
      Title: metadataText(`${titleOf(document)} n° ${document.number}`),
      Author: metadataText(document.seller.name),
      Subject: metadataText(`${titleOf(document)} à ${document.buyer.name}`),
      Creator: 'Mutualis',
      CreationDate: issueDay,
    },
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const fonts = invoiceFonts();
  pdf.registerFont(REGULAR, fonts.regular).registerFont(BOLD, fonts.bold);
  new InvoiceLayout(pdf, document, fonts).draw();
  if (options.facturX) attachFacturX(pdf, options.facturX.xml, issueDay);
  pdf.end();
  return done;
}

/**
 * The Factur-X XML as an associated file of the document (listed in the catalog's /AF, as
 * PDF/A-3 asks), dated by the issue day so that the bytes stay the same, and its XMP.
 */
function attachFacturX(pdf: PDFKit.PDFDocument, xml: string, issueDay: Date): void {
  if (xml.trim() === '') throw new RangeError('A Factur-X needs its XML');
  pdf.file(Buffer.from(xml, 'utf8'), {
    name: FACTUR_X_FILE_NAME,
    type: 'text/xml',
    relationship: FACTUR_X_RELATIONSHIP,
    creationDate: issueDay,
    modifiedDate: issueDay,
  });
  pdf.appendXML(FACTUR_X_XMP);
}

/**
 * The fx: properties, and the PDF/A extension schema that declares them (PDF/A accepts in the
 * XMP only properties of the standard schemas or of an extension schema described there).
 */
const FACTUR_X_XMP = `
<rdf:Description rdf:about=""
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
  <pdfaExtension:schemas>
    <rdf:Bag>
      <rdf:li rdf:parseType="Resource">
        <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
        <pdfaSchema:namespaceURI>${FACTUR_X_NAMESPACE}</pdfaSchema:namespaceURI>
        <pdfaSchema:prefix>fx</pdfaSchema:prefix>
        <pdfaSchema:property>
          <rdf:Seq>${[
            ['DocumentFileName', 'The name of the embedded XML document'],
            ['DocumentType', 'The type of the hybrid document in capital letters, e.g. INVOICE'],
            ['Version', 'The version of the standard applying to the embedded XML document'],
            ['ConformanceLevel', 'The conformance level of the embedded XML document'],
          ]
            .map(
              ([name, description]) => `
            <rdf:li rdf:parseType="Resource">
              <pdfaProperty:name>${name}</pdfaProperty:name>
              <pdfaProperty:valueType>Text</pdfaProperty:valueType>
              <pdfaProperty:category>external</pdfaProperty:category>
              <pdfaProperty:description>${description}</pdfaProperty:description>
            </rdf:li>`,
            )
            .join('')}
          </rdf:Seq>
        </pdfaSchema:property>
      </rdf:li>
    </rdf:Bag>
  </pdfaExtension:schemas>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:fx="${FACTUR_X_NAMESPACE}">
  <fx:DocumentType>INVOICE</fx:DocumentType>
  <fx:DocumentFileName>${FACTUR_X_FILE_NAME}</fx:DocumentFileName>
  <fx:Version>1.0</fx:Version>
  <fx:ConformanceLevel>${FACTUR_X_CONFORMANCE_LEVEL}</fx:ConformanceLevel>
</rdf:Description>`;

/**
 * A string PDFKit writes to the Info dictionary and, as it is, into the XMP: what XML reads as
 * markup, and control characters (which XML forbids), become look-alikes, so the XMP stays
 * well-formed and equal to the Info dictionary, as PDF/A requires. Only the metadata: the page
 * and the XML print the names as written.
 */
function metadataText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/&/g, '＆')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(CONTROL_CHARACTERS, ' ');
}

/**
 * Throws unless PDFKit can embed the image: checked when a logo is uploaded, so that a broken
 * file is refused then rather than failing every invoice rendered afterwards.
 */
export async function assertEmbeddableImage(content: Buffer): Promise<void> {
  const pdf = new PDFDocument({ autoFirstPage: true });
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('data', () => undefined);
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });
  pdf.image(content, 0, 0, { fit: [LOGO_WIDTH, LOGO_HEIGHT] });
  pdf.end();
  await done;
}

/**
 * What a public buyer's invoice is filed under on Chorus Pro, printed as the e-invoice carries
 * it (BT-10, BT-13): the buyer's services match the invoice to their commitment with them.
 */
function publicProcurementLines(document: InvoiceDocument): string | null {
  const lines = [
    ...(document.chorusStructureSiret
      ? [`Structure Chorus Pro : ${document.chorusStructureSiret}`]
      : []),
    ...(document.buyerReference ? [`Code service : ${document.buyerReference}`] : []),
    ...(document.purchaseOrderReference
      ? [`N° d'engagement juridique : ${document.purchaseOrderReference}`]
      : []),
  ];
  return lines.length > 0 ? lines.join('\n') : null;
}

/**
 * `1 234,50 €`, with plain spaces: the amounts of the page read and search as people type them
 * (the layout never breaks an amount, which always stands alone on its line).
 */
export function formatEuros(cents: number): string {
  return Money.ofCents(cents)
    .format('fr-FR')
    .replace(/[\u202f\u00a0]/g, ' ');
}

/** `2027-01-15` → `15/01/2027`. */
export function formatFrenchDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const date = new Date(`${isoDate}T00:00:00Z`);
  // The round trip refuses 2027-02-30, which some parsers roll over to 2 March.
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== isoDate) {
    throw new RangeError(`Not a date as YYYY-MM-DD: ${JSON.stringify(isoDate)}`);
  }
  return `${match[3]}/${match[2]}/${match[1]}`;
}

/** 2000 → `20 %`, 550 → `5,5 %`, in integers. */
export function formatVatRate(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const fraction = String(basisPoints % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction === '' ? `${whole} %` : `${whole},${fraction} %`;
}

const MARGIN = 50;
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** The box a logo is fitted into, top left, above the seller's name. */
const LOGO_WIDTH = 120;
const LOGO_HEIGHT = 40;
const RIGHT = PAGE_WIDTH - MARGIN;
/** Content stops above the footer. */
const CONTENT_BOTTOM = PAGE_HEIGHT - MARGIN - 20;
const FOOTER_Y = PAGE_HEIGHT - MARGIN + 10;

const INK = '#1f2328';
const MUTED = '#5b6168';
const RULE = '#c9cdd2';
const SHADE = '#eef0f2';

/** The names the fonts of `invoiceFonts()` are registered under in each document. */
const REGULAR = 'regular';
const BOLD = 'bold';

interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
}

const COLUMNS: Column[] = [
  { title: 'Désignation', width: 235, align: 'left' },
  { title: 'Qté', width: 40, align: 'right' },
  { title: 'P.U. HT', width: 75, align: 'right' },
  { title: 'TVA', width: 65, align: 'right' },
  { title: 'Total HT', width: CONTENT_WIDTH - 235 - 40 - 75 - 65, align: 'right' },
];
const CELL_PADDING = 5;
const TABLE_HEADER_HEIGHT = 20;

/** Draws the pages top to bottom; every string goes through `put`, at an explicit place. */
class InvoiceLayout {
  private y = MARGIN;
  /** The font set last, whose glyphs the text must be printed with. */
  private font: Font;

  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    private readonly document: InvoiceDocument,
    private readonly fonts: InvoiceFonts,
  ) {
    this.font = fonts.regular;
  }

  draw(): void {
    this.header();
    this.linesTable();
    this.totals();
    this.mentions();
    this.footers();
  }

  private header(): void {
    const { document } = this;
    const { seller, buyer } = document;
    let nameTop = MARGIN;
    if (seller.logo) {
      this.pdf.image(seller.logo, MARGIN, MARGIN, { fit: [LOGO_WIDTH, LOGO_HEIGHT] });
      nameTop += LOGO_HEIGHT + 6;
    }
    // The seller's name alone on the first line: full names of Chambres are long.
    const top = this.paragraph(seller.name, MARGIN, nameTop, CONTENT_WIDTH, {
      font: BOLD,
      size: 12,
    });

    const leftWidth = 240;
    let left = this.paragraph(seller.addressLines.join('\n'), MARGIN, top + 4, leftWidth, {
      size: 8.5,
    });
    left = this.paragraph(this.identifiers(seller), MARGIN, left + 4, leftWidth, { size: 7.5 });
    const contact = [
      seller.email ? `Courriel : ${seller.email}` : null,
      seller.phone ? `Téléphone : ${seller.phone}` : null,
    ].filter((line): line is string => line !== null);
    if (contact.length > 0) {
      left = this.paragraph(contact.join('\n'), MARGIN, left + 4, leftWidth, {
        size: 7.5,
        color: MUTED,
      });
    }

    const rightX = RIGHT - 245;
    const rightWidth = RIGHT - rightX;
    let right = this.paragraph(titleOf(document), rightX, top + 2, rightWidth, {
      font: BOLD,
      size: 20,
      align: 'right',
    });
    const dates = [
      `N° ${document.number}`,
      `Date d'émission : ${formatFrenchDate(document.issueDate)}`,
      serviceLine(document),
      ...dueDateLines(document),
    ];
    right = this.paragraph(dates.join('\n'), rightX, right + 2, rightWidth, {
      size: 8.5,
      align: 'right',
    });

    // The buyer, in a box on the right, under the dates.
    const boxTop = right + 12;
    const padding = 10;
    const inner = rightWidth - 2 * padding;
    let inside = this.paragraph('Client', rightX + padding, boxTop + 9, inner, {
      size: 7,
      color: MUTED,
    });
    inside = this.paragraph(buyer.name, rightX + padding, inside + 1, inner, {
      font: BOLD,
      size: 9.5,
    });
    inside = this.paragraph(buyer.addressLines.join('\n'), rightX + padding, inside, inner, {
      size: 8.5,
    });
    inside = this.paragraph(this.identifiers(buyer), rightX + padding, inside + 3, inner, {
      size: 7.5,
    });
    const references = publicProcurementLines(document);
    if (references) {
      inside = this.paragraph(references, rightX + padding, inside + 3, inner, { size: 7.5 });
    }
    const boxBottom = inside + 6;
    this.pdf
      .roundedRect(rightX, boxTop, rightWidth, boxBottom - boxTop, 4)
      .lineWidth(0.8)
      .strokeColor(RULE)
      .stroke();

    this.y = Math.max(left, boxBottom) + 20;
    if (document.precedingInvoice) {
      const { number, issueDate } = document.precedingInvoice;
      this.y = this.paragraph(
        `Avoir sur la facture n° ${number} du ${formatFrenchDate(issueDate)}`,
        MARGIN,
        this.y,
        CONTENT_WIDTH,
        { font: BOLD, size: 9.5 },
      );
      this.y += 8;
    }
  }

  private identifiers(party: InvoiceDocumentParty | InvoiceDocumentBuyer): string {
    const rna = 'rna' in party ? party.rna : null;
    return [
      ...(party.siret ? [`SIRET : ${party.siret}`, `SIREN : ${party.siret.slice(0, 9)}`] : []),
      ...(rna ? [`RNA : ${rna}`] : []),
      ...(party.vatNumber ? [`N° TVA intracommunautaire : ${party.vatNumber}`] : []),
    ].join('\n');
  }

  private linesTable(): void {
    this.tableHeader();
    const size = 8;
    const lineHeight = size * 1.3;
    for (const line of this.document.lines) {
      this.setFont(REGULAR, size);
      const descriptionLines = this.wrap(line.description, COLUMNS[0].width - 2 * CELL_PADDING);
      const cells = [
        String(line.quantity),
        formatEuros(line.unitPriceExclVatCents),
        vatLabel(line.vatCategory, line.vatRateBasisPoints),
        formatEuros(line.lineTotalExclVatCents),
      ];
      // Keep a row whole when it fits on a page; a longer one starts here and continues.
      const rowHeight = descriptionLines.length * lineHeight + 2 * CELL_PADDING;
      const fitsOnAPage = rowHeight <= CONTENT_BOTTOM - MARGIN - TABLE_HEADER_HEIGHT;
      if (this.y + (fitsOnAPage ? rowHeight : CELL_PADDING + lineHeight) > CONTENT_BOTTOM) {
        this.newPage();
        this.tableHeader();
      }
      let textY = this.y + CELL_PADDING;
      let x = MARGIN + COLUMNS[0].width;
      cells.forEach((cell, index) => {
        const column = COLUMNS[index + 1];
        // The columns hold amounts up to 99 999 999,99 €; a larger one prints smaller rather
        // than over its neighbour.
        this.setFont(REGULAR, size);
        const fitted = this.sizeToFit(cell, column.width - 2 * CELL_PADDING, size);
        this.setFont(REGULAR, fitted);
        const cellX = x + column.width - CELL_PADDING - this.pdf.widthOfString(cell);
        this.put(cell, cellX, textY + this.baselineShift(size, fitted));
        x += column.width;
      });
      this.setFont(REGULAR, size);
      for (const text of descriptionLines) {
        if (textY + lineHeight > CONTENT_BOTTOM) {
          this.newPage();
          this.tableHeader();
          textY = this.y + CELL_PADDING;
          this.setFont(REGULAR, size);
        }
        this.put(text, MARGIN + CELL_PADDING, textY);
        textY += lineHeight;
      }
      this.y = textY + CELL_PADDING;
      this.rule(this.y);
    }
    this.y += 14;
  }

  private tableHeader(): void {
    this.pdf.rect(MARGIN, this.y, CONTENT_WIDTH, TABLE_HEADER_HEIGHT).fillColor(SHADE).fill();
    this.setFont(BOLD, 7.5);
    let x = MARGIN;
    for (const column of COLUMNS) {
      const textX =
        column.align === 'left'
          ? x + CELL_PADDING
          : x + column.width - CELL_PADDING - this.pdf.widthOfString(column.title);
      this.put(column.title, textX, this.y + 6);
      x += column.width;
    }
    this.y += TABLE_HEADER_HEIGHT;
  }

  private totals(): void {
    const { document } = this;
    const rows: { label: string; amount: number; bold?: boolean; ruleAbove?: boolean }[] = [
      { label: 'Total HT', amount: document.totalExclVatCents },
      ...document.vatBreakdown.map((entry) => ({
        label: `${breakdownLabel(entry)} (base ${formatEuros(entry.taxableAmountCents)})`,
        amount: entry.vatAmountCents,
      })),
      { label: 'Total TVA', amount: document.totalVatCents },
      { label: 'Total TTC', amount: document.totalInclVatCents, bold: true, ruleAbove: true },
      ...settlementRows(document),
    ];
    const rowHeight = 15;
    if (this.y + rows.length * rowHeight + 10 > CONTENT_BOTTOM) this.newPage();
    const labelX = MARGIN + 215;
    for (const row of rows) {
      if (row.ruleAbove) this.rule(this.y - 3, labelX);
      const font = row.bold ? BOLD : REGULAR;
      const size = row.bold ? 9.5 : 8.5;
      this.setFont(font, size);
      const amount = formatEuros(row.amount);
      const amountX = RIGHT - CELL_PADDING - this.pdf.widthOfString(amount);
      this.put(amount, amountX, this.y);
      // A long label next to a large amount prints smaller rather than under it.
      const fitted = this.sizeToFit(row.label, amountX - 10 - labelX, size);
      this.setFont(font, fitted);
      this.put(row.label, labelX, this.y + this.baselineShift(size, fitted));
      this.y += rowHeight;
    }
    this.y += 14;
  }

  private mentions(): void {
    const { document } = this;
    const { seller } = document;
    const reasons = [
      ...new Set(
        document.vatBreakdown
          .map((entry) => entry.exemptionReason)
          .filter((reason): reason is string => reason !== null && reason !== ''),
      ),
      // Where VAT is charged: an invoice with none has no tax whose date the option moves.
      ...(seller.vatOnDebits && document.vatBreakdown.some((entry) => entry.vatCategory === 'S')
        ? [VAT_ON_DEBITS_MENTION]
        : []),
    ];
    const payment = settlementParagraphs(document);
    const legal = [
      ...paymentConditions(document),
      ...(seller.trainingDeclarationNumber
        ? [
            `Déclaration d'activité enregistrée sous le n° ${seller.trainingDeclarationNumber}. ` +
              "Cet enregistrement ne vaut pas agrément de l'État.",
          ]
        : []),
    ];
    if (reasons.length > 0) this.block('TVA', reasons);
    this.block('Règlement', payment);
    this.block('Mentions légales', legal);
  }

  /** A titled group of short paragraphs, moved whole to the next page when it does not fit. */
  private block(title: string, paragraphs: string[]): void {
    const size = 7.5;
    this.setFont(REGULAR, size);
    const lines = paragraphs.flatMap((paragraph) => this.wrap(paragraph, CONTENT_WIDTH));
    const lineHeight = size * 1.35;
    if (this.y + 14 + lines.length * lineHeight > CONTENT_BOTTOM) this.newPage();
    this.setFont(BOLD, 8.5);
    this.put(title, MARGIN, this.y);
    this.y += 13;
    this.setFont(REGULAR, size);
    for (const line of lines) {
      this.put(line, MARGIN, this.y);
      this.y += lineHeight;
    }
    this.y += 10;
  }

  private footers(): void {
    const { document } = this;
    const { start, count } = this.pdf.bufferedPageRange();
    for (let index = start; index < start + count; index += 1) {
      this.pdf.switchToPage(index);
      this.rule(FOOTER_Y - 6);
      this.setFont(REGULAR, 7);
      // One line: a seller's name too long for it is cut, never the document's number.
      const reference = ` - SIRET ${document.seller.siret} - ${titleOf(document)} n° ${document.number}`;
      const nameWidth = CONTENT_WIDTH - 60 - this.pdf.widthOfString(reference);
      const page = `Page ${index - start + 1}/${count}`;
      this.put(
        this.shortened(document.seller.name, nameWidth) + reference,
        MARGIN,
        FOOTER_Y,
        MUTED,
      );
      this.put(page, RIGHT - this.pdf.widthOfString(page), FOOTER_Y, MUTED);
    }
  }

  private newPage(): void {
    this.pdf.addPage();
    this.y = MARGIN;
  }

  private rule(y: number, fromX = MARGIN): void {
    this.pdf.moveTo(fromX, y).lineTo(RIGHT, y).lineWidth(0.5).strokeColor(RULE).stroke();
  }

  /** Wrapped text from (x, y); returns the y under it. */
  private paragraph(
    text: string,
    x: number,
    y: number,
    width: number,
    style: {
      font?: typeof REGULAR | typeof BOLD;
      size: number;
      color?: string;
      align?: 'left' | 'right';
    },
  ): number {
    this.setFont(style.font ?? REGULAR, style.size);
    const lineHeight = style.size * 1.3;
    let lineY = y;
    for (const line of this.wrap(text, width)) {
      const lineX = style.align === 'right' ? x + width - this.pdf.widthOfString(line) : x;
      this.put(line, lineX, lineY, style.color);
      lineY += lineHeight;
    }
    return lineY;
  }

  /** One line of text, never wrapped nor paginated by the library: this layout decides both. */
  private put(text: string, x: number, y: number, color = INK): void {
    this.pdf.fillColor(color).text(this.printable(text), x, y, { lineBreak: false });
  }

  /** The text, cut and ended by `…` if it is wider than `width` in the current font. */
  private shortened(text: string, width: number): string {
    let characters = Array.from(this.printable(text).replace(/\n/g, ' '));
    if (this.pdf.widthOfString(characters.join('')) <= width) return characters.join('');
    while (characters.length > 1 && this.pdf.widthOfString(`${characters.join('')}…`) > width) {
      characters = characters.slice(0, -1);
    }
    return `${characters.join('').trimEnd()}…`;
  }

  /**
   * How far below text set at `size` to place text set at `smaller` in the current font, so
   * both stand on one baseline (PDFKit places text by its top).
   */
  private baselineShift(size: number, smaller: number): number {
    return ((size - smaller) * this.font.ascent) / this.font.unitsPerEm;
  }

  /** The font size, at most `size`, at which the text is no wider than `width`. */
  private sizeToFit(text: string, width: number, size: number): number {
    const natural = this.pdf.widthOfString(this.printable(text));
    return natural <= width ? size : (size * width) / natural;
  }

  private setFont(font: typeof REGULAR | typeof BOLD, size: number): void {
    this.pdf.font(font).fontSize(size);
    this.font = font === BOLD ? this.fonts.bold : this.fonts.regular;
  }

  /**
   * Text as the current font prints it: composed (NFC: an accent typed as a combining mark
   * takes the accented letter's glyph), line ends as `\n`, other control characters as spaces.
   * A character the font has no glyph for (a Chinese name, say) prints as U+FFFD: PDF/A forbids
   * showing the font's empty .notdef glyph in its place.
   */
  private printable(text: string): string {
    let out = '';
    for (const character of text
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      .replace(CONTROL_CHARACTERS, ' ')) {
      const known =
        character === '\n' || this.font.hasGlyphForCodePoint(character.codePointAt(0) ?? 0);
      out += known ? character : REPLACEMENT_CHARACTER;
    }
    return out;
  }

  /** Greedy word wrap in the current font; `\n` starts a new line, an overlong word is cut. */
  private wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of this.printable(text).split('\n')) {
      let line = '';
      for (const word of paragraph.split(' ').filter((part) => part !== '')) {
        const candidate = line === '' ? word : `${line} ${word}`;
        if (this.pdf.widthOfString(candidate) <= width) {
          line = candidate;
          continue;
        }
        if (line !== '') lines.push(line);
        // By code point: a letter outside the BMP is never cut in two.
        let rest = Array.from(word);
        while (this.pdf.widthOfString(rest.join('')) > width) {
          let cut = rest.length - 1;
          while (cut > 1 && this.pdf.widthOfString(rest.slice(0, cut).join('')) > width) cut -= 1;
          lines.push(rest.slice(0, cut).join(''));
          rest = rest.slice(cut);
        }
        line = rest.join('');
      }
      lines.push(line);
    }
    return lines;
  }
}

// ---------------------------------------------------------------------------------------------
// Settlement: the service's dates, what was paid, what is asked, how and by when, and what a
// late payment costs. Each says what happened to this document, as it was issued.
// ---------------------------------------------------------------------------------------------

/** « Date de la prestation », « Période de la prestation », or a cancelled service (no date). */
function serviceLine(document: InvoiceDocument): string {
  if (document.kind === 'credit_note' && document.serviceCancelled) return 'Prestation annulée';
  if (document.serviceEndDate) {
    return (
      `Période de la prestation : du ${formatFrenchDate(document.serviceDate)} ` +
      `au ${formatFrenchDate(document.serviceEndDate)}`
    );
  }
  return `Date de la prestation : ${formatFrenchDate(document.serviceDate)}`;
}

/** An invoice that asks for money says by when; one paid when issued asks nothing. */
function dueDateLines(document: InvoiceDocument): string[] {
  return document.kind === 'invoice' && document.amountDueCents > 0 && document.dueDate
    ? [`Date d'échéance : ${formatFrenchDate(document.dueDate)}`]
    : [];
}

const MEANS: Record<PaymentMeans, string> = {
  card: 'carte bancaire',
  sepa_debit: 'prélèvement SEPA',
  bank_transfer: 'virement',
  cheque: 'chèque',
  administrative_mandate: 'mandat administratif',
};

interface TotalRow {
  label: string;
  amount: number;
  bold?: boolean;
}

/** Under « Total TTC »: what was settled when issued (BT-113), then what is left (BT-115). */
function settlementRows(document: InvoiceDocument): TotalRow[] {
  const prepaid = document.prepaidAmountCents ?? 0;
  if (document.kind === 'credit_note') {
    return [
      ...(prepaid > 0 && document.precedingInvoice
        ? [
            {
              label: `Imputé sur la facture n° ${document.precedingInvoice.number}`,
              amount: prepaid,
            },
          ]
        : []),
      { label: 'Net à vous rembourser', amount: document.amountDueCents, bold: true },
    ];
  }
  return [
    ...(prepaid > 0 && document.paidOn && document.paymentMeans
      ? [
          {
            label: `Réglé le ${formatFrenchDate(document.paidOn)} par ${MEANS[document.paymentMeans]}`,
            amount: prepaid,
          },
        ]
      : []),
    { label: 'Net à payer', amount: document.amountDueCents, bold: true },
  ];
}

/** The « Règlement » block: how this document is settled. */
function settlementParagraphs(document: InvoiceDocument): string[] {
  return document.kind === 'invoice'
    ? invoiceSettlementParagraphs(document)
    : creditNoteSettlementParagraphs(document);
}

function invoiceSettlementParagraphs(document: InvoiceDocument): string[] {
  const prepaid = document.prepaidAmountCents ?? 0;
  const due = document.amountDueCents;
  const means = document.paymentMeans;
  const paid =
    prepaid > 0 && document.paidOn && means
      ? due === 0
        ? [`Facture acquittée le ${formatFrenchDate(document.paidOn)} par ${MEANS[means]}.`]
        : [
            `Réglé le ${formatFrenchDate(document.paidOn)} par ${MEANS[means]} : ` +
              `${formatEuros(prepaid)}. Reste à payer : ${formatEuros(due)}.`,
          ]
      : [];
  if (due === 0) return paid.length > 0 ? paid : ['Aucun montant à régler.'];
  const dueDate = formatFrenchDate(document.dueDate!);
  const days = daysBetween(document.issueDate, document.dueDate!);
  const { seller } = document;
  const account = `IBAN ${formatIban(seller.iban)} - BIC ${seller.bic.toUpperCase()}`;
  const reference = document.paymentReference
    ? [`Référence de paiement : ${formatRfReference(document.paymentReference)}`]
    : [];
  switch (means) {
    case 'cheque':
      return [
        ...paid,
        `Paiement par chèque à ${days} jours, au plus tard le ${dueDate}, à l'ordre de ` +
          `${seller.name}, adressé à : ${[seller.name, ...seller.addressLines].join(', ')}.`,
        `Merci d'indiquer au dos du chèque le n° de facture ${document.number}.`,
      ];
    case 'administrative_mandate':
      return [
        ...paid,
        `Paiement par mandat administratif dans le délai global de paiement de ${days} jours ` +
          `(art. R2192-10 du code de la commande publique), au plus tard le ${dueDate}.`,
        `Virement au compte : ${account}`,
        ...reference,
        'Merci de rappeler cette référence dans le libellé du mandat.',
      ];
    default:
      // A transfer, or what an online payment that fell short leaves to pay.
      return [
        ...paid,
        `Paiement par virement à ${days} jours, au plus tard le ${dueDate}.`,
        `Virement : ${account}`,
        ...reference,
        'Merci de rappeler cette référence dans le libellé de votre virement.',
      ];
  }
}

function creditNoteSettlementParagraphs(document: InvoiceDocument): string[] {
  const offset = document.prepaidAmountCents ?? 0;
  const refund = document.amountDueCents;
  const paragraphs: string[] = [];
  if (offset > 0 && document.precedingInvoice) {
    paragraphs.push(
      `Avoir imputé sur la facture n° ${document.precedingInvoice.number} : ` +
        `${formatEuros(offset)} viennent en déduction du montant qui en reste dû.`,
    );
  }
  if (refund === 0) return paragraphs;
  const amount = formatEuros(refund);
  const { paymentMeans: means, paidOn, dueDate } = document;
  if (means === 'card' && paidOn) {
    paragraphs.push(
      `Remboursement de ${amount} sur la carte bancaire ayant servi au paiement, ` +
        `ordonné le ${formatFrenchDate(paidOn)}.`,
    );
  } else if (means === 'sepa_debit' && paidOn) {
    paragraphs.push(
      `Remboursement de ${amount} sur le compte prélevé lors du paiement, ` +
        `ordonné le ${formatFrenchDate(paidOn)}.`,
    );
  } else if (means === 'bank_transfer' && dueDate) {
    paragraphs.push(
      `Remboursement de ${amount} par virement sur votre compte, ` +
        `au plus tard le ${formatFrenchDate(dueDate)}.`,
    );
  } else {
    // Issued before credit notes kept how they are settled: printed as it was then.
    paragraphs.push('Avoir à déduire ou à rembourser.');
  }
  return paragraphs;
}

/**
 * What a late payment costs, on invoices only: a credit note asks nothing of the buyer. A
 * professional buyer owes penalties at the Chambre's rate and the 40 € recovery indemnity (code
 * de commerce, L441-10 and D441-5); a public buyer owes late-payment interest at the ECB rate
 * plus eight points and the same indemnity under the public-procurement code instead (R2192-31,
 * D2192-35). They are printed on an invoice paid when issued too: L441-9 asks for the rate of
 * the penalties, the indemnity and the conditions of early payment on every invoice to a
 * professional, with no exception for one paid at once (none is owed, and none will be).
 */
function paymentConditions(document: InvoiceDocument): string[] {
  if (document.kind !== 'invoice') return [];
  const discount = document.earlyPaymentDiscount ?? NO_EARLY_PAYMENT_DISCOUNT;
  if (document.publicBuyer) {
    return [
      discount,
      'Intérêts moratoires (art. R2192-31 du code de la commande publique) : taux de la Banque ' +
        'centrale européenne à ses opérations principales de refinancement, en vigueur au premier ' +
        'jour du semestre où ils commencent à courir, majoré de huit points.',
      'Indemnité forfaitaire pour frais de recouvrement : 40 € (art. D2192-35 du code de la ' +
        'commande publique).',
    ];
  }
  return [
    discount,
    `Pénalités de retard (art. L441-10 du code de commerce) : ${document.latePenaltyRate}, ` +
      "dès le lendemain de l'échéance.",
    'Indemnité forfaitaire pour frais de recouvrement : 40 € (art. D441-5 du code de commerce).',
  ];
}

/** Whole calendar days from one YYYY-MM-DD to another. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function titleOf(document: InvoiceDocument): string {
  return document.kind === 'invoice' ? 'Facture' : 'Avoir';
}

function vatLabel(category: VatBreakdownEntry['vatCategory'], basisPoints: number): string {
  if (category === 'S') return formatVatRate(basisPoints);
  return category === 'E' ? 'Exonérée' : 'Non soumise';
}

function breakdownLabel(entry: VatBreakdownEntry): string {
  if (entry.vatCategory === 'S') return `TVA ${formatVatRate(entry.vatRateBasisPoints)}`;
  return entry.vatCategory === 'E' ? 'TVA exonérée' : 'Non soumis à la TVA';
}

function formatIban(iban: string): string {
  return iban
    .replace(/\s/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');
}

/** C0 and C1 controls but the line feed: a tab or a stray control prints as a space. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
/** In DejaVu Sans and Bold: what prints in place of a character they cannot. */
const REPLACEMENT_CHARACTER = '\ufffd';

function assertPrintable(document: InvoiceDocument): void {
  const expectedCode = document.kind === 'invoice' ? 380 : 381;
  if (document.typeCode !== expectedCode) {
    throw new RangeError(
      `A ${document.kind} has type code ${expectedCode}, not ${document.typeCode}`,
    );
  }
  assertSettlement(document);
  if (document.kind === 'credit_note' && !document.precedingInvoice) {
    throw new RangeError('A credit note must name the invoice it corrects');
  }
  assertPartyIdentifiers(document);
  if (document.lines.length === 0) throw new RangeError('An invoice needs at least one line');
  // No document prints totals its lines do not add up to.
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const linesTotal = sum(document.lines.map((line) => line.lineTotalExclVatCents));
  const taxable = sum(document.vatBreakdown.map((entry) => entry.taxableAmountCents));
  const vat = sum(document.vatBreakdown.map((entry) => entry.vatAmountCents));
  if (
    linesTotal !== document.totalExclVatCents ||
    taxable !== document.totalExclVatCents ||
    vat !== document.totalVatCents ||
    document.totalExclVatCents + document.totalVatCents !== document.totalInclVatCents
  ) {
    throw new RangeError(`The totals of ${document.number} do not add up from its lines`);
  }
  for (const date of [
    document.issueDate,
    document.serviceDate,
    document.serviceEndDate,
    document.dueDate,
    document.paidOn,
    document.precedingInvoice?.issueDate,
  ]) {
    if (date != null) formatFrenchDate(date);
  }
  if (document.paymentReference !== null) formatRfReference(document.paymentReference);
}

/** What was settled and what is asked add up to the total, and whatever is asked says how. */
function assertSettlement(document: InvoiceDocument): void {
  const prepaid = document.prepaidAmountCents ?? 0;
  if (prepaid < 0 || prepaid + document.amountDueCents !== document.totalInclVatCents) {
    throw new RangeError(`What ${document.number} says is settled and due is not its total`);
  }
  if (document.serviceEndDate && document.serviceEndDate <= document.serviceDate) {
    throw new RangeError('A service period ends after the day it starts');
  }
  if (document.kind === 'credit_note') {
    if (document.paymentReference !== null) {
      throw new RangeError('A credit note carries no payment reference: nobody pays it');
    }
    return;
  }
  if (prepaid > 0 && (!document.paidOn || !document.paymentMeans)) {
    throw new RangeError('An invoice paid when issued says by what means and on which day');
  }
  if (document.amountDueCents > 0) {
    if (!document.dueDate) throw new RangeError('An invoice that asks for money needs a due date');
    if (document.paymentMeans !== 'cheque' && document.paymentReference === null) {
      throw new RangeError('An invoice paid by transfer or mandate needs a payment reference');
    }
  }
}

/**
 * The seller is identified by its SIRET; the buyer by its SIRET, or when it has none (a small
 * association) by its RNA number. Shared with the e-invoice, which refuses the same documents.
 */
export function assertPartyIdentifiers(document: Pick<InvoiceDocument, 'seller' | 'buyer'>): void {
  const { seller, buyer } = document;
  for (const siret of [seller.siret, ...(buyer.siret === null ? [] : [buyer.siret])]) {
    if (!/^\d{14}$/.test(siret)) {
      throw new RangeError(`A SIRET is 14 digits, got ${JSON.stringify(siret)}`);
    }
  }
  if (buyer.siret === null && !/^W\d{9}$/.test(buyer.rna ?? '')) {
    throw new RangeError(
      `A buyer without a SIRET has an RNA number (W + 9 digits), got ${JSON.stringify(buyer.rna)}`,
    );
  }
}
