import { DateTime } from 'luxon';
import PDFDocument from 'pdfkit';
import { invoiceFonts } from '@mutualis/invoicing';

export const REGULAR = 'DejaVuSans';
export const BOLD = 'DejaVuSans-Bold';
export const INK = '#1f2933';
export const MUTED = '#52606d';
export const RULE = '#9aa5b1';

import type { TrainingBody } from '../domain/training-body';

const PARIS = 'Europe/Paris';

/** Who signs for the Chambre (training settings); null fields print an empty line to sign. */
export interface Signatory {
  name: string | null;
  capacity: string | null;
}

export interface PdfInfo {
  title: string;
  author: string;
  subject: string;
  /** Fixed so the same document renders the same bytes. */
  createdAt: Date;
  layout?: 'portrait' | 'landscape';
  margin: number;
  /** Keeps the pages until the end, to number them (« Page 2 / 5 »). */
  bufferPages?: boolean;
}

/**
 * An A4 PDF/A-3b document set in the invoices' DejaVu Sans (embedded subset), in French: the
 * training documents share it so they look alike and print names as written.
 */
export function openPdf(info: PdfInfo): { pdf: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const pdf = new PDFDocument({
    size: 'A4',
    layout: info.layout ?? 'portrait',
    margin: info.margin,
    bufferPages: info.bufferPages ?? false,
    lang: 'fr-FR',
    displayTitle: true,
    subset: 'PDF/A-3b',
    pdfVersion: '1.7',
    font: '',
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Creator: 'Mutualis',
      CreationDate: info.createdAt,
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
  return { pdf, done };
}

export function formatSiret(siret: string): string {
  return `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;
}

/** The lines identifying the training body under its name. */
export function bodyLines(body: TrainingBody): string[] {
  return [
    ...body.addressLines,
    `SIRET ${formatSiret(body.siret)}`,
    body.declarationNumber
      ? `Déclaration d’activité n° ${body.declarationNumber} (préfet de région)`
      : 'Déclaration d’activité : numéro non renseigné',
  ];
}

/** « 16 novembre 2026 », « 1er mars 2027 », in Paris time. */
export function parisLongDate(instant: Date): string {
  const day = DateTime.fromJSDate(instant, { zone: PARIS }).setLocale('fr');
  return `${day.day === 1 ? '1er' : day.day} ${day.toFormat('LLLL yyyy')}`;
}

/** « lun. 16/11 », in Paris time. */
export function parisShortDay(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: PARIS }).setLocale('fr').toFormat('ccc dd/LL');
}

/** « 09:05 », in Paris time. */
export function parisTime(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: PARIS }).toFormat('HH:mm');
}

/** From the first to the last day, « du 16 novembre 2026 au 17 novembre 2026 » or « le … ». */
export function formatPeriod(startsAt: Date, endsAt: Date): string {
  const first = parisLongDate(startsAt);
  const last = parisLongDate(endsAt);
  return first === last ? `le ${first}` : `du ${first} au ${last}`;
}
