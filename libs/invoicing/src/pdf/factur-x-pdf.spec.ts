import type { BookedVatTreatment } from '@mutualis/catalogue';
import {
  expectPdfA3b,
  FacturXPdfReport,
  inspectFacturXPdf,
  pdfText,
  readXmp,
} from '../../../../test/support/factur-x-pdf';
import { computeInvoiceTotals, InvoiceLineInput, vatTermsFor } from '../domain/invoice-totals';
import { createRfReference } from '../domain/rf-reference';
import { InvoiceDocument, renderInvoicePdf } from './invoice-pdf.renderer';

// The PDF side of a Factur-X as a receiver's tools read it (poppler-utils): PDF/A-3b
// identification, embedded fonts, output intent, the attached XML and its XMP description.
// These are necessary conditions of PDF/A-3b, not a validation: no veraPDF offline.

const XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100">' +
  '<!-- Ассоциация «Ёлка» & Łódź --></rsm:CrossIndustryInvoice>\n';

const UNICODE_BUYER = 'Ассоциация «Ёлка» — Łódź Œuvre Ωμέγα Hội';

function line(
  description: string,
  quantity: number,
  unitPriceExclVatCents: number,
  treatment: BookedVatTreatment,
): InvoiceLineInput {
  return { description, quantity, unitPriceExclVatCents, ...vatTermsFor(treatment, false) };
}

function invoice(changes: Partial<InvoiceDocument> = {}): InvoiceDocument {
  const totals = computeInvoiceTotals([
    line('Accompagnement stratégique - trois demi-journées', 3, 12_345, 'standard'),
    line('Formation « Gouvernance coopérative »', 1, 18_000, 'exempt_training'),
  ]);
  return {
    kind: 'invoice',
    typeCode: 380,
    number: 'F-2027-000042',
    issueDate: '2027-01-15',
    serviceDate: '2027-01-12',
    dueDate: '2027-02-14',
    seller: {
      name: "Chambre régionale de l'économie sociale et solidaire d'Occitanie",
      addressLines: ["12 rue de l'Économie", '31000 Toulouse'],
      siret: '81234567800029',
      vatNumber: 'FR25812345678',
      trainingDeclarationNumber: '76 31 01234 31',
      iban: 'FR7630006000011234567890189',
      bic: 'AGRIFRPP',
    },
    buyer: {
      name: 'Les Ateliers Réunis SCOP',
      addressLines: ['4 place du Marché', '34000 Montpellier'],
      siret: '90876543200014',
      vatNumber: 'FR49908765432',
    },
    ...totals,
    amountDueCents: totals.totalInclVatCents,
    paymentMeans: 'bank_transfer',
    paymentReference: createRfReference('F2027000042'),
    latePenaltyRate: "trois fois le taux d'intérêt légal",
    ...changes,
  };
}

describe('a Factur-X invoice PDF', () => {
  let pdf: Buffer;
  let report: FacturXPdfReport;

  beforeAll(async () => {
    pdf = await renderInvoicePdf(invoice(), { facturX: { xml: XML } });
    report = inspectFacturXPdf(pdf);
  });

  it('is a PDF/A-3b by its identification, fonts, metadata and sRGB output intent', () => {
    expectPdfA3b(report);
    expect(report.fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'DejaVuSans',
      'DejaVuSans-Bold',
    ]);
    expect(report.info).toEqual({
      Title: 'Facture n° F-2027-000042',
      Author: "Chambre régionale de l'économie sociale et solidaire d'Occitanie",
      Subject: 'Facture à Les Ateliers Réunis SCOP',
      Creator: 'Mutualis',
      Producer: 'PDFKit',
      CreationDate: '2027-01-15T00:00:00Z',
    });
  });

  it('carries factur-x.xml byte for byte, as text/xml associated with the document', () => {
    expect(report.attachments).toEqual(['factur-x.xml']);
    expect(report.facturXml?.equals(Buffer.from(XML, 'utf8'))).toBe(true);
    expect(report.associatedFiles).toEqual([
      { name: 'factur-x.xml', relationship: 'Alternative', mimeType: 'text/xml' },
    ]);
  });

  it('describes the Factur-X in its XMP, with the extension schema that declares fx:', () => {
    expect(report.facturX).toEqual({
      documentType: 'INVOICE',
      documentFileName: 'factur-x.xml',
      version: '1.0',
      conformanceLevel: 'EN 16931',
      declaredProperties: ['DocumentFileName', 'DocumentType', 'Version', 'ConformanceLevel'],
    });
  });

  it('renders the same bytes again, after another document was rendered with the same fonts', async () => {
    await renderInvoicePdf(invoice({ buyer: { ...invoice().buyer, name: UNICODE_BUYER } }));
    const again = await renderInvoicePdf(invoice(), { facturX: { xml: XML } });
    expect(again.equals(pdf)).toBe(true);
    const otherXml = await renderInvoicePdf(invoice(), { facturX: { xml: `${XML} ` } });
    expect(otherXml.equals(pdf)).toBe(false);
  });
});

describe('an invoice PDF without Factur-X', () => {
  it('is still a PDF/A-3b with the same fonts, and nothing attached', async () => {
    const report = inspectFacturXPdf(await renderInvoicePdf(invoice()));
    expectPdfA3b(report);
    expect(report.fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'DejaVuSans',
      'DejaVuSans-Bold',
    ]);
    expect(report.attachments).toEqual([]);
    expect(report.associatedFiles).toEqual([]);
    expect(report.facturX.documentType).toBeNull();
  });

  it('refuses an empty Factur-X XML', async () => {
    await expect(renderInvoicePdf(invoice(), { facturX: { xml: ' \n' } })).rejects.toThrow(
      RangeError,
    );
  });
});

describe('names as written', () => {
  const flat = (text: string) => text.replace(/\s+/g, ' ');

  it('prints a public buyer’s Chorus Pro structure, service code and engagement number', async () => {
    const text = pdfText(
      await renderInvoicePdf(
        invoice({
          publicBuyer: true,
          chorusStructureSiret: '21840068700016',
          buyerReference: 'SERV-FORMATION',
          purchaseOrderReference: 'EJ-2027-000142',
        }),
      ),
    );
    expect(text).toContain('Structure Chorus Pro : 21840068700016');
    expect(text).toContain('Code service : SERV-FORMATION');
    expect(text).toContain("N° d'engagement juridique : EJ-2027-000142");
    expect(pdfText(await renderInvoicePdf(invoice()))).not.toContain('engagement juridique');
  });

  it('prints a name outside Latin-1 exactly as written', async () => {
    const pdf = await renderInvoicePdf(
      invoice({ buyer: { ...invoice().buyer, name: UNICODE_BUYER } }),
      { facturX: { xml: XML } },
    );
    const text = flat(pdfText(pdf));
    expect(text).toContain(UNICODE_BUYER);
    expect(text).not.toContain('\ufffd');
    const report = inspectFacturXPdf(pdf);
    expectPdfA3b(report);
    expect(report.info.Subject).toBe(`Facture à ${UNICODE_BUYER}`);
  });

  it('prints a character the font lacks as U+FFFD, never the invisible .notdef glyph', async () => {
    const pdf = await renderInvoicePdf(
      invoice({ buyer: { ...invoice().buyer, name: 'Coopérative 中文 Ltd' } }),
    );
    expect(flat(pdfText(pdf))).toContain('Coopérative \ufffd\ufffd Ltd');
  });

  it('prints a tab or a stray control character as a space', async () => {
    const pdf = await renderInvoicePdf(
      invoice({ buyer: { ...invoice().buyer, name: 'Les\tAteliers\u0007Réunis' } }),
    );
    expect(flat(pdfText(pdf))).toContain('Les Ateliers Réunis');
  });

  it('keeps the XMP well-formed and equal to the Info dictionary when names hold & and <', async () => {
    const seller = { ...invoice().seller, name: 'Dupont & Fils <SCOP>' };
    const pdf = await renderInvoicePdf(invoice({ seller }), { facturX: { xml: XML } });
    expect(() => readXmp(pdf)).not.toThrow();
    const report = inspectFacturXPdf(pdf);
    expectPdfA3b(report);
    // Look-alikes in the metadata only: the page prints the name as written.
    expect(report.info.Author).toBe('Dupont ＆ Fils ‹SCOP›');
    expect(flat(pdfText(pdf))).toContain('Dupont & Fils <SCOP>');
  });
});
