import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { BookedVatTreatment } from '@mutualis/catalogue';
import { computeInvoiceTotals, InvoiceLineInput, vatTermsFor } from '../domain/invoice-totals';
import { createRfReference } from '../domain/rf-reference';
import {
  assertEmbeddableImage,
  formatEuros,
  formatFrenchDate,
  formatVatRate,
  InvoiceDocument,
  InvoiceDocumentSeller,
  renderInvoicePdf,
} from './invoice-pdf.renderer';

// pdfjs-dist is ESM only, which Jest cannot load from CommonJS on Node 20: a child Node process
// reads the PDF from stdin and prints, as JSON, its metadata and the text of each page, one string
// per line (the parts of a line joined by a space where they are apart).
const EXTRACT_TEXT = `
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), verbosity: 0 }).promise;
const pages = [];
for (let number = 1; number <= pdf.numPages; number += 1) {
  const page = await pdf.getPage(number);
  const rows = new Map();
  for (const item of (await page.getTextContent()).items) {
    if (!item.str) continue;
    const y = Math.round(item.transform[5]);
    rows.set(y, [...(rows.get(y) ?? []), { x: item.transform[4], width: item.width, str: item.str }]);
  }
  const lines = [...rows.entries()]
    .sort(([a], [b]) => b - a)
    .map(([, parts]) => {
      let text = '';
      let end = -Infinity;
      for (const part of parts.sort((a, b) => a.x - b.x)) {
        text += (text && part.x - end > 1 ? ' ' : '') + part.str;
        end = part.x + part.width;
      }
      return text;
    });
  pages.push({ width: page.view[2], height: page.view[3], lines });
}
const { info } = await pdf.getMetadata();
process.stdout.write(JSON.stringify({ info, pages }));
`;

interface Extracted {
  info: Record<string, unknown>;
  pages: ExtractedPage[];
}

interface ExtractedPage {
  width: number;
  height: number;
  lines: string[];
}

const REPO_ROOT = path.resolve(__dirname, '../../../..');

function extractPages(pdf: Buffer): ExtractedPage[] {
  return extract(pdf).pages;
}

function extract(pdf: Buffer): Extracted {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', EXTRACT_TEXT], {
    cwd: REPO_ROOT,
    input: pdf,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output.toString('utf8')) as Extracted;
}

const textOf = (pages: ExtractedPage[]) => pages.flatMap((page) => page.lines).join('\n');
/** The text with its wrapped lines joined again, for mentions longer than a line. */
const flatOf = (pages: ExtractedPage[]) => textOf(pages).replace(/\n/g, ' ');
const lineWith = (pages: ExtractedPage[], start: string) =>
  pages.flatMap((page) => page.lines).find((line) => line.startsWith(start)) ?? '';

const SELLER: InvoiceDocumentSeller = {
  name: "Chambre régionale de l'économie sociale et solidaire d'Occitanie",
  addressLines: ["12 rue de l'Économie", 'Bâtiment « Les Tisserands »', '31000 Toulouse'],
  siret: '81234567800029',
  vatNumber: 'FR25812345678',
  trainingDeclarationNumber: '76 31 01234 31',
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  bic: 'AGRIFRPP',
  email: 'facturation@cress-occitanie.example',
  phone: '05 61 00 00 00',
};

const BUYER = {
  name: 'Les Ateliers Réunis SCOP',
  addressLines: ['4 place du Marché', '34000 Montpellier'],
  siret: '90876543200014',
  vatNumber: 'FR49908765432',
};

const TRAINING_DESCRIPTION = [
  'Formation « Gouvernance coopérative » (tarif adhérent)',
  'Le 12/01/2027 à 09:30 - Toulouse, salle Garonne',
  'Participants : Anaïs Lefèvre, François Garçon, Łukasz Nowak',
];

function line(
  description: string,
  quantity: number,
  unitPriceExclVatCents: number,
  treatment: BookedVatTreatment,
  franchise = false,
): InvoiceLineInput {
  return { description, quantity, unitPriceExclVatCents, ...vatTermsFor(treatment, franchise) };
}

function invoice(
  lines: InvoiceLineInput[],
  changes: Partial<InvoiceDocument> = {},
): InvoiceDocument {
  const totals = computeInvoiceTotals(lines);
  return {
    kind: 'invoice',
    typeCode: 380,
    number: 'F-2027-000001',
    issueDate: '2027-01-15',
    serviceDate: '2027-01-12',
    dueDate: '2027-02-14',
    seller: SELLER,
    buyer: BUYER,
    ...totals,
    amountDueCents: totals.totalInclVatCents,
    paymentMeans: 'bank_transfer',
    paymentReference: createRfReference('F2027000001'),
    latePenaltyRate: "trois fois le taux d'intérêt légal",
    ...changes,
  };
}

// 3 × 123,45 € at 20 %, 180 € of exempt training, 90 € not subject: 640,35 € HT, 74,07 € VAT.
const MIXED = invoice([
  line('Accompagnement stratégique - trois demi-journées', 3, 12_345, 'standard'),
  line(TRAINING_DESCRIPTION.join('\n'), 1, 18_000, 'exempt_training'),
  line('Adhésion annuelle à la Chambre', 1, 9_000, 'not_subject'),
]);

function creditNote(changes: Partial<InvoiceDocument> = {}): InvoiceDocument {
  const lines = [
    line(
      'Annulation de 1 place\nFormation « Gouvernance coopérative »',
      1,
      15_000,
      'standard',
      true,
    ),
  ];
  return invoice(lines, {
    kind: 'credit_note',
    typeCode: 381,
    number: 'AV-2027-000001',
    issueDate: '2027-01-20',
    dueDate: '2027-02-19',
    precedingInvoice: { number: 'F-2027-000001', issueDate: '2027-01-15' },
    seller: {
      ...SELLER,
      vatNumber: null,
      trainingDeclarationNumber: null,
      email: null,
      phone: null,
    },
    buyer: { ...BUYER, vatNumber: null },
    paymentReference: null,
    ...changes,
  });
}

describe('display formats', () => {
  it('formats euros the French way, with plain spaces', () => {
    expect(formatEuros(123_450)).toBe('1 234,50 €');
    expect(formatEuros(5)).toBe('0,05 €');
    expect(formatEuros(123_456_789)).toBe('1 234 567,89 €');
  });

  it('prints dates as dd/mm/yyyy and refuses impossible ones', () => {
    expect(formatFrenchDate('2027-01-05')).toBe('05/01/2027');
    expect(() => formatFrenchDate('2027-02-30')).toThrow(RangeError);
    expect(() => formatFrenchDate('15/01/2027')).toThrow(RangeError);
  });

  it('prints VAT rates with a decimal comma only when needed', () => {
    expect(formatVatRate(2000)).toBe('20 %');
    expect(formatVatRate(550)).toBe('5,5 %');
    expect(formatVatRate(210)).toBe('2,1 %');
    expect(formatVatRate(1000)).toBe('10 %');
  });
});

describe('invoice PDF', () => {
  let pdf: Buffer;
  let info: Record<string, unknown>;
  let pages: ExtractedPage[];
  let text: string;
  let flat: string;

  beforeAll(async () => {
    pdf = await renderInvoicePdf(MIXED);
    ({ info, pages } = extract(pdf));
    text = textOf(pages);
    flat = flatOf(pages);
  });

  it('is a one-page A4 PDF', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pages).toHaveLength(1);
    expect(pages[0].width).toBeCloseTo(595.28, 1);
    expect(pages[0].height).toBeCloseTo(841.89, 1);
    expect(text).toContain('Page 1/1');
  });

  it.each([
    ['the title and number', 'Facture'],
    ['the number', 'N° F-2027-000001'],
    ["the seller's name", "Chambre régionale de l'économie sociale et solidaire d'Occitanie"],
    ["the seller's address", "12 rue de l'Économie"],
    ["the seller's address, with guillemets", 'Bâtiment « Les Tisserands »'],
    ["the seller's town", '31000 Toulouse'],
    ["the seller's SIRET", 'SIRET : 81234567800029'],
    ["the seller's SIREN", 'SIREN : 812345678'],
    ["the seller's VAT number", 'N° TVA intracommunautaire : FR25812345678'],
    ["the seller's contact", 'Courriel : facturation@cress-occitanie.example'],
    ["the buyer's name", 'Les Ateliers Réunis SCOP'],
    ["the buyer's address", '4 place du Marché'],
    ["the buyer's town", '34000 Montpellier'],
    ["the buyer's SIRET", 'SIRET : 90876543200014'],
    ["the buyer's SIREN", 'SIREN : 908765432'],
    ["the buyer's VAT number", 'N° TVA intracommunautaire : FR49908765432'],
    ['the issue date', "Date d'émission : 15/01/2027"],
    ['the service date', 'Date de la prestation : 12/01/2027'],
    ['the due date', "Date d'échéance : 14/02/2027"],
    ['the training exemption', 'Exonération de TVA, art. 261, 4, 4° a du CGI'],
    ['the not-subject mention', 'Opération non soumise à la TVA'],
    ['the payment terms', 'Paiement par virement à 30 jours, au plus tard le 14/02/2027.'],
    ['the early payment conditions', "Pas d'escompte pour paiement anticipé."],
    [
      'the late penalty rate, from the day after the due date',
      "Pénalités de retard (art. L441-10 du code de commerce) : trois fois le taux d'intérêt " +
        "légal, dès le lendemain de l'échéance.",
    ],
    [
      'the recovery indemnity',
      'Indemnité forfaitaire pour frais de recouvrement : 40 € (art. D441-5 du code de commerce).',
    ],
    ['the IBAN, grouped by four', 'IBAN FR76 3000 6000 0112 3456 7890 189'],
    ['the BIC', 'BIC AGRIFRPP'],
    ['the RF reference, grouped by four', 'Référence de paiement : RF32 F202 7000 001'],
    ['the NDA', "Déclaration d'activité enregistrée sous le n° 76 31 01234 31"],
    ['the NDA disclaimer', "Cet enregistrement ne vaut pas agrément de l'État."],
  ])('prints %s', (_, mention) => {
    expect(flat).toContain(mention);
  });

  it('prints each line: description, quantity, unit price, VAT and total excluding VAT', () => {
    expect(lineWith(pages, 'Accompagnement stratégique')).toBe(
      'Accompagnement stratégique - trois demi-journées 3 123,45 € 20 % 370,35 €',
    );
    expect(lineWith(pages, 'Formation « Gouvernance coopérative »')).toBe(
      'Formation « Gouvernance coopérative » (tarif adhérent) 1 180,00 € Exonérée 180,00 €',
    );
    expect(lineWith(pages, 'Adhésion annuelle')).toBe(
      'Adhésion annuelle à la Chambre 1 90,00 € Non soumise 90,00 €',
    );
  });

  it('prints the session date and attendees of a line on lines of their own', () => {
    expect(pages[0].lines).toContain('Le 12/01/2027 à 09:30 - Toulouse, salle Garonne');
    // The attendees wrap within the column; Ł prints as written (it is outside Latin-1).
    expect(text.replace(/\n/g, ' ')).toContain(
      'Participants : Anaïs Lefèvre, François Garçon, Łukasz Nowak',
    );
  });

  it('prints the totals excluding VAT, the VAT of each rate on its base, and including VAT', () => {
    expect(lineWith(pages, 'Total HT')).toBe('Total HT 640,35 €');
    expect(lineWith(pages, 'TVA 20 %')).toBe('TVA 20 % (base 370,35 €) 74,07 €');
    expect(lineWith(pages, 'TVA exonérée')).toBe('TVA exonérée (base 180,00 €) 0,00 €');
    expect(lineWith(pages, 'Non soumis à la TVA')).toBe(
      'Non soumis à la TVA (base 90,00 €) 0,00 €',
    );
    expect(lineWith(pages, 'Total TVA')).toBe('Total TVA 74,07 €');
    expect(lineWith(pages, 'Total TTC')).toBe('Total TTC 714,42 €');
    expect(lineWith(pages, 'Net à payer')).toBe('Net à payer 714,42 €');
  });

  it('renders the same bytes twice, dated by its issue date', async () => {
    const again = await renderInvoicePdf(MIXED);
    expect(again.equals(pdf)).toBe(true);
    const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    expect(sha256(again)).toBe(sha256(pdf));
    expect(info).toMatchObject({
      CreationDate: 'D:20270115000000Z',
      Title: 'Facture n° F-2027-000001',
      Author: "Chambre régionale de l'économie sociale et solidaire d'Occitanie",
    });
    expect(info).not.toHaveProperty('ModDate');
  });

  it('renders different bytes for a different invoice', async () => {
    const other = await renderInvoicePdf({ ...MIXED, number: 'F-2027-000002' });
    expect(other.equals(pdf)).toBe(false);
  });
});

describe('credit note PDF', () => {
  let pages: ExtractedPage[];
  let text: string;

  beforeAll(async () => {
    pages = extractPages(await renderInvoicePdf(creditNote()));
    text = textOf(pages);
  });

  it('is titled « Avoir » and names the invoice it corrects', () => {
    expect(text).toContain('Avoir');
    expect(text).toContain('N° AV-2027-000001');
    expect(text).toContain('Avoir sur la facture n° F-2027-000001 du 15/01/2027');
    expect(text).not.toMatch(/^Facture$/m);
  });

  it('prints the franchise mention where a seller has no VAT number, and no due date', () => {
    expect(text).toContain('TVA non applicable, art. 293 B du CGI');
    expect(text).not.toContain('N° TVA intracommunautaire');
    expect(text).not.toContain("Date d'échéance");
    expect(text).not.toContain("Déclaration d'activité");
    expect(text).not.toContain('Courriel');
  });

  it('prints its dates, parties, line, totals and how it is refunded', () => {
    for (const mention of [
      "Date d'émission : 20/01/2027",
      'Date de la prestation : 12/01/2027',
      'SIRET : 81234567800029',
      'SIREN : 812345678',
      'SIRET : 90876543200014',
      'SIREN : 908765432',
      'Annulation de 1 place',
      'Remboursement de 150,00 € par virement sur votre compte, au plus tard le 19/02/2027.',
    ]) {
      expect(flatOf(pages)).toContain(mention);
    }
    expect(lineWith(pages, 'Annulation de 1 place')).toBe(
      'Annulation de 1 place 1 150,00 € Exonérée 150,00 €',
    );
    expect(lineWith(pages, 'Total TTC')).toBe('Total TTC 150,00 €');
    expect(lineWith(pages, 'Net à vous rembourser')).toBe('Net à vous rembourser 150,00 €');
  });

  it('asks for no payment: no payment reference, no bank details, no late-payment terms', () => {
    for (const absent of [
      'Référence de paiement',
      'IBAN',
      'Pénalités de retard',
      'Indemnité forfaitaire',
      'Intérêts moratoires',
      "Pas d'escompte",
      'Net à payer',
    ]) {
      expect(text).not.toContain(absent);
    }
  });
});

describe('settlement as it happened', () => {
  const render = async (document: InvoiceDocument) => {
    const pages = extractPages(await renderInvoicePdf(document));
    return { pages, text: textOf(pages), flat: flatOf(pages) };
  };
  const PAID = { prepaidAmountCents: MIXED.totalInclVatCents, amountDueCents: 0 };

  it('an invoice paid by card before it was issued says so, and asks nothing', async () => {
    const { pages, text, flat } = await render({
      ...MIXED,
      ...PAID,
      paymentMeans: 'card',
      paidOn: '2027-01-10',
      dueDate: '2027-01-10',
    });
    expect(flat).toContain('Facture acquittée le 10/01/2027 par carte bancaire.');
    expect(lineWith(pages, 'Réglé le')).toBe('Réglé le 10/01/2027 par carte bancaire 714,42 €');
    expect(lineWith(pages, 'Net à payer')).toBe('Net à payer 0,00 €');
    for (const absent of ['IBAN', 'Référence de paiement', "Date d'échéance", 'Paiement par']) {
      expect(text).not.toContain(absent);
    }
    // Kept on purpose: L441-9 asks for them on every invoice to a professional.
    expect(flat).toContain('Pénalités de retard (art. L441-10 du code de commerce)');
  });

  it('an invoice paid by SEPA debit says so', async () => {
    const { flat } = await render({
      ...MIXED,
      ...PAID,
      paymentMeans: 'sepa_debit',
      paidOn: '2027-01-11',
      dueDate: '2027-01-11',
    });
    expect(flat).toContain('Facture acquittée le 11/01/2027 par prélèvement SEPA.');
    expect(flat).toContain('Net à payer 0,00 €');
  });

  it('an online payment that fell short leaves the rest to pay by transfer', async () => {
    const { pages, flat } = await render({
      ...MIXED,
      prepaidAmountCents: 70_000,
      amountDueCents: MIXED.totalInclVatCents - 70_000,
      paymentMeans: 'card',
      paidOn: '2027-01-10',
    });
    expect(flat).toContain(
      'Réglé le 10/01/2027 par carte bancaire : 700,00 €. Reste à payer : 14,42 €.',
    );
    expect(flat).toContain('Paiement par virement à 30 jours, au plus tard le 14/02/2027.');
    expect(lineWith(pages, 'Net à payer')).toBe('Net à payer 14,42 €');
  });

  it('an invoice paid by cheque says to whom and where, without bank details', async () => {
    const { text, flat } = await render({ ...MIXED, paymentMeans: 'cheque' });
    expect(flat).toContain(
      "Paiement par chèque à 30 jours, au plus tard le 14/02/2027, à l'ordre de " +
        `${SELLER.name}, adressé à : ${SELLER.name}, ${SELLER.addressLines.join(', ')}.`,
    );
    expect(flat).toContain("Merci d'indiquer au dos du chèque le n° de facture F-2027-000001.");
    expect(text).not.toContain('IBAN');
    expect(lineWith(extractPages(await renderInvoicePdf(MIXED)), 'Net à payer')).toBe(
      'Net à payer 714,42 €',
    );
  });

  it('a public buyer pays by administrative mandate, under the public-procurement terms', async () => {
    const { text, flat } = await render({
      ...MIXED,
      publicBuyer: true,
      paymentMeans: 'administrative_mandate',
    });
    expect(flat).toContain(
      'Paiement par mandat administratif dans le délai global de paiement de 30 jours ' +
        '(art. R2192-10 du code de la commande publique), au plus tard le 14/02/2027.',
    );
    expect(flat).toContain('Virement au compte : IBAN FR76 3000 6000 0112 3456 7890 189');
    expect(flat).toContain('Référence de paiement : RF32 F202 7000 001');
    expect(flat).toContain(
      'Intérêts moratoires (art. R2192-31 du code de la commande publique) : taux de la Banque ' +
        'centrale européenne à ses opérations principales de refinancement, en vigueur au ' +
        'premier jour du semestre où ils commencent à courir, majoré de huit points.',
    );
    expect(flat).toContain(
      'Indemnité forfaitaire pour frais de recouvrement : 40 € (art. D2192-35 du code de la ' +
        'commande publique).',
    );
    expect(text).not.toContain('L441-10');
    expect(text).not.toContain("trois fois le taux d'intérêt légal");
  });

  it('a credit note refunded by card says when the refund was ordered, and no service date for a cancelled service', async () => {
    const { text, flat } = await render(
      creditNote({
        paymentMeans: 'card',
        paidOn: '2027-01-19',
        dueDate: null,
        serviceCancelled: true,
      }),
    );
    expect(flat).toContain(
      'Remboursement de 150,00 € sur la carte bancaire ayant servi au paiement, ordonné le 19/01/2027.',
    );
    expect(text).toContain('Prestation annulée');
    expect(text).not.toContain('Date de la prestation');
    expect(text).not.toContain('12/01/2027');
    expect(text).not.toContain('Référence de paiement');
  });

  it('a credit note on an invoice not paid yet is set off against it', async () => {
    const { pages, flat } = await render(
      creditNote({
        prepaidAmountCents: 15_000,
        amountDueCents: 0,
        paymentMeans: null,
        dueDate: null,
      }),
    );
    expect(flat).toContain(
      'Avoir imputé sur la facture n° F-2027-000001 : 150,00 € viennent en déduction du ' +
        'montant qui en reste dû.',
    );
    expect(lineWith(pages, 'Imputé sur la facture')).toBe(
      'Imputé sur la facture n° F-2027-000001 150,00 €',
    );
    expect(lineWith(pages, 'Net à vous rembourser')).toBe('Net à vous rembourser 0,00 €');
    expect(flat).not.toContain('Remboursement de');
  });

  it('a service over several days prints its period, first to last day', async () => {
    const { text } = await render({ ...MIXED, serviceEndDate: '2027-01-14' });
    expect(text).toContain('Période de la prestation : du 12/01/2027 au 14/01/2027');
    expect(text).not.toContain('Date de la prestation');
  });
});

describe('a long invoice', () => {
  const attendees = Array.from({ length: 30 }, (_, index) => `Participant n° ${index + 1}`);
  const lines = Array.from({ length: 40 }, (_, index) =>
    line(
      `Session ${index + 1} - atelier « Coopérer »\nParticipants : ${attendees.slice(0, 1 + (index % 12)).join(', ')}`,
      1 + (index % 4),
      123_450,
      'standard',
    ),
  );
  let pages: ExtractedPage[];

  beforeAll(async () => {
    pages = extractPages(await renderInvoicePdf(invoice(lines)));
  });

  it('continues on further pages, with the table header and page numbers on each', () => {
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, index) => {
      expect(page.lines.some((text) => text.endsWith(`Page ${index + 1}/${pages.length}`))).toBe(
        true,
      );
      if (index === 0 || page.lines.some((text) => text.startsWith('Session'))) {
        expect(page.lines).toContain('Désignation Qté P.U. HT TVA Total HT');
      }
    });
  });

  it('prints every line once, and the totals on the last page', () => {
    const text = textOf(pages);
    for (let index = 1; index <= 40; index += 1) {
      expect(text.match(new RegExp(`^Session ${index} - `, 'gm'))).toHaveLength(1);
    }
    const totals = computeInvoiceTotals(lines);
    expect(textOf(pages.slice(-1))).toContain(`Total TTC ${formatEuros(totals.totalInclVatCents)}`);
    expect(text).toContain('1 234,50 €');
  });

  it('keeps a description longer than a page, cut at its width and continued', async () => {
    // One word per attendee, so that no name is split between two lines of the extracted text.
    const crowd = Array.from({ length: 900 }, (_, index) => `Personne-${index + 1}`).join(', ');
    const longPages = extractPages(
      await renderInvoicePdf(
        invoice([line(`Grand forum\nParticipants : ${crowd}`, 1, 100, 'standard')]),
      ),
    );
    expect(longPages.length).toBeGreaterThan(1);
    const words = new Set(textOf(longPages).split(/\s+/));
    for (let index = 1; index < 900; index += 1) expect(words).toContain(`Personne-${index},`);
    expect(words).toContain('Personne-900');
  });
});

describe('layout limits', () => {
  it('prints an amount wider than its column smaller, never over the next one', async () => {
    const pages = extractPages(
      await renderInvoicePdf(invoice([line('Grosse commande', 999_999, 9_999_999, 'standard')])),
    );
    // Overlapping parts would be joined without a space, or out of order.
    expect(lineWith(pages, 'Grosse commande')).toBe(
      'Grosse commande 999999 99 999,99 € 20 % 99 999 890 000,01 €',
    );
    expect(lineWith(pages, 'TVA 20 %')).toBe(
      'TVA 20 % (base 99 999 890 000,01 €) 19 999 978 000,00 €',
    );
  });

  it("cuts a seller's name too long for the footer, never the document's number", async () => {
    const name = `${SELLER.name} et de ses établissements associés du Languedoc`;
    const pages = extractPages(await renderInvoicePdf({ ...MIXED, seller: { ...SELLER, name } }));
    const footer = pages[0].lines.find((text) => text.includes(' - SIRET 81234567800029 - '));
    expect(footer).toMatch(/… - SIRET 81234567800029 - Facture n° F-2027-000001 Page 1\/1$/);
    expect(footer).not.toContain('Languedoc');
  });
});

describe('what the renderer refuses to print', () => {
  it.each([
    ['a credit note with the type code of an invoice', { kind: 'credit_note' as const }],
    ['an invoice that asks for money without a due date', { dueDate: null }],
    ['an invoice paid by transfer without a payment reference', { paymentReference: null }],
    [
      'an amount settled and an amount due that are not the total',
      { prepaidAmountCents: 100, amountDueCents: MIXED.totalInclVatCents },
    ],
    [
      'an invoice paid when issued that does not say when',
      { prepaidAmountCents: MIXED.totalInclVatCents, amountDueCents: 0, paymentMeans: 'card' },
    ],
    [
      'a credit note with a payment reference',
      { ...creditNote(), paymentReference: createRfReference('AV2027000001') },
    ],
    ['a period that ends before it starts', { serviceEndDate: '2027-01-12' }],
    [
      'a credit note that names no invoice',
      { kind: 'credit_note' as const, typeCode: 381 as const },
    ],
    ['a SIRET that is not 14 digits', { buyer: { ...BUYER, siret: '908 765 432 00014' } }],
    ['an impossible date', { serviceDate: '2027-02-30' }],
    ['a due date that is not YYYY-MM-DD', { dueDate: '14/02/2027' }],
    ['an RF reference with a wrong check digit', { paymentReference: 'RF33F2027000001' }],
    ['totals that its lines do not add up to', { totalVatCents: 7_408, totalInclVatCents: 71_443 }],
  ] as [string, Partial<InvoiceDocument>][])('refuses %s', async (_, changes) => {
    await expect(renderInvoicePdf({ ...MIXED, ...changes })).rejects.toThrow(RangeError);
  });
});

describe('invoice PDF logo', () => {
  // A 1×1 PNG.
  const LOGO = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  );

  it('draws the logo above the seller, and the text is unchanged', async () => {
    const withLogo = await renderInvoicePdf({ ...MIXED, seller: { ...SELLER, logo: LOGO } });
    expect(withLogo.toString('latin1')).toContain('/Subtype /Image');
    expect((await renderInvoicePdf(MIXED)).toString('latin1')).not.toContain('/Subtype /Image');
    expect(textOf(extract(withLogo).pages)).toContain('Page 1/1');
  });

  it('accepts a readable PNG and refuses a truncated one or another format', async () => {
    await expect(assertEmbeddableImage(LOGO)).resolves.toBeUndefined();
    await expect(assertEmbeddableImage(LOGO.subarray(0, 40))).rejects.toThrow();
    await expect(assertEmbeddableImage(Buffer.from('GIF89a'))).rejects.toThrow();
  });
});

describe('VAT mentions by regime', () => {
  const DEBITS = "Option pour le paiement de la taxe d'après les débits";
  const textFor = async (document: InvoiceDocument) =>
    textOf(extractPages(await renderInvoicePdf(document)));

  it('prints the option for VAT on debits only when the seller opted, and where VAT is charged', async () => {
    const taxable = invoice([line('Accompagnement', 1, 10_000, 'standard')]);
    expect(await textFor(taxable)).not.toContain(DEBITS);
    const opted = { ...SELLER, vatOnDebits: true };
    expect(await textFor({ ...taxable, seller: opted })).toContain(DEBITS);
    const exempt = invoice([line('Formation', 1, 10_000, 'exempt_training')], { seller: opted });
    expect(await textFor(exempt)).not.toContain(DEBITS);
  });

  it('prints the provision of each exemption, and of pass-through costs out of scope', async () => {
    expect(await textFor(invoice([line('Conseil', 1, 10_000, 'exempt_members')]))).toContain(
      'Exonération de TVA, art. 261, 7, 1° a du CGI',
    );
    expect(
      await textFor(
        invoice([line('Frais de certification', 1, 10_000, 'out_of_scope_disbursement')], {
          seller: { ...SELLER, vatNumber: null },
          buyer: { ...BUYER, vatNumber: null },
        }),
      ),
    ).toContain('Débours, hors du champ de la TVA, art. 267, II, 2° du CGI');
  });

  it('prints no NDA where the invoice carries none (not a training)', async () => {
    const text = await textFor(
      invoice([line('Conseil', 1, 10_000, 'standard')], {
        seller: { ...SELLER, trainingDeclarationNumber: null },
      }),
    );
    expect(text).not.toContain("Déclaration d'activité");
  });
});
