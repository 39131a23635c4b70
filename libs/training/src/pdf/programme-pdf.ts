import PDFDocument from 'pdfkit';
import { DateTime } from 'luxon';
import { invoiceFonts } from '@mutualis/invoicing';
import type { TrainingBody } from '../domain/training-body';

export const REGULAR = 'DejaVuSans';
export const BOLD = 'DejaVuSans-Bold';
export const MARGIN = 56;
export const INK = '#1f2933';
export const MUTED = '#52606d';
export const ACCENT = '#0b5394';
const PARIS = 'Europe/Paris';

/**
 * An A4 PDF/A-3b in the invoices' DejaVu fonts (names print as written), whose creation date is
 * the given instant, so the same content renders the same bytes.
 */
export async function renderTrainingPdf(
  meta: { title: string; subject: string; author: string; createdAt: Date },
  draw: (pdf: PDFKit.PDFDocument) => void,
): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'fr-FR',
    displayTitle: true,
    subset: 'PDF/A-3b',
    pdfVersion: '1.7',
    font: '',
    bufferPages: true,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Creator: 'Mutualis',
      CreationDate: meta.createdAt,
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
  draw(pdf);
  numberPages(pdf, meta.title);
  pdf.end();
  return done;
}

/** The training body's letterhead: name, address, SIRET and NDA (R6353-1 and L6352-12). */
export function drawLetterhead(pdf: PDFKit.PDFDocument, body: TrainingBody): void {
  pdf.fillColor(INK).font(BOLD).fontSize(12).text(body.legalName, MARGIN, MARGIN);
  pdf.font(REGULAR).fontSize(8.5).fillColor(MUTED);
  for (const line of body.addressLines) pdf.text(line);
  pdf.text(`SIRET ${formatSiret(body.siret)}`);
  pdf.text(
    body.declarationNumber
      ? `Déclaration d’activité enregistrée sous le numéro ${body.declarationNumber} auprès du préfet de région. Cet enregistrement ne vaut pas agrément de l’État.`
      : 'Numéro de déclaration d’activité : en cours d’enregistrement',
    { width: contentWidth(pdf) },
  );
  const contacts = [body.email, body.phone].filter((value): value is string => !!value);
  if (contacts.length > 0) pdf.text(contacts.join(' · '));
  pdf.moveDown(1.2);
}

export function drawTitle(pdf: PDFKit.PDFDocument, title: string, subtitle?: string): void {
  const width = contentWidth(pdf);
  pdf.fillColor(ACCENT).font(BOLD).fontSize(18).text(title, MARGIN, pdf.y, { width });
  if (subtitle) pdf.fillColor(MUTED).font(REGULAR).fontSize(11).text(subtitle, { width });
  pdf.moveDown(0.8);
}

/** A heading, kept on the page of what follows it. */
export function drawHeading(pdf: PDFKit.PDFDocument, heading: string): void {
  if (pdf.y > pdf.page.height - MARGIN - 90) pdf.addPage();
  pdf.moveDown(0.5);
  pdf
    .fillColor(ACCENT)
    .font(BOLD)
    .fontSize(11.5)
    .text(heading, MARGIN, pdf.y, {
      width: contentWidth(pdf),
    });
  pdf.moveDown(0.25);
  pdf.fillColor(INK).font(REGULAR).fontSize(10);
}

export function drawParagraph(pdf: PDFKit.PDFDocument, text: string): void {
  pdf
    .fillColor(INK)
    .font(REGULAR)
    .fontSize(10)
    .text(text, MARGIN, pdf.y, { width: contentWidth(pdf) });
}

export function drawBullets(pdf: PDFKit.PDFDocument, items: string[]): void {
  pdf.fillColor(INK).font(REGULAR).fontSize(10);
  for (const item of items) {
    pdf.text(`•  ${item}`, MARGIN + 8, pdf.y, { width: contentWidth(pdf) - 8 });
  }
}

/** « Label : value » lines, the label in bold. */
export function drawFacts(pdf: PDFKit.PDFDocument, facts: [string, string][]): void {
  for (const [label, value] of facts) {
    pdf
      .fillColor(INK)
      .font(BOLD)
      .fontSize(10)
      .text(`${label} : `, MARGIN, pdf.y, { continued: true, width: contentWidth(pdf) })
      .font(REGULAR)
      .text(value);
  }
}

export function contentWidth(pdf: PDFKit.PDFDocument): number {
  return pdf.page.width - 2 * MARGIN;
}

function numberPages(pdf: PDFKit.PDFDocument, title: string): void {
  const range = pdf.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    pdf.switchToPage(index);
    const bottom = pdf.page.margins.bottom;
    // Writing inside the bottom margin would make pdfkit open a new page.
    pdf.page.margins.bottom = 0;
    pdf
      .font(REGULAR)
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(
        `${title} — page ${index + 1} / ${range.count}`,
        MARGIN,
        pdf.page.height - MARGIN / 2 - 6,
        { width: contentWidth(pdf), align: 'center', lineBreak: false },
      );
    pdf.page.margins.bottom = bottom;
  }
}

export function formatSiret(siret: string): string {
  return `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;
}

/** « lundi 7 décembre 2026 » in Paris time. */
export function formatParisDay(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: PARIS }).setLocale('fr').toFormat('cccc d LLLL yyyy');
}

/** « 9 h 00 » in Paris time. */
export function formatParisTime(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: PARIS }).toFormat("H 'h' mm");
}

/** « 7 décembre 2026 » in Paris time. */
export function formatParisDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: PARIS }).setLocale('fr').toFormat('d LLLL yyyy');
}
