import PDFDocument from 'pdfkit';
import { invoiceFonts } from '@mutualis/invoicing';

/** Everything printed on an attestation d’adhésion. Dates are YYYY-MM-DD. */
export interface MembershipCertificate {
  chambre: {
    legalName: string;
    addressLines: string[];
    siret: string;
    /** Where the attestation is made (« Fait à … »). */
    city: string;
  };
  organisation: {
    legalName: string;
    siret: string | null;
    rna: string | null;
    addressLines: string[];
  };
  year: number;
  /** The day it is delivered. */
  issuedOn: string;
}

const REGULAR = 'DejaVuSans';
const BOLD = 'DejaVuSans-Bold';
const MARGIN = 64;
const INK = '#1f2933';
const MUTED = '#52606d';

/**
 * An A4 PDF/A-3b « Attestation d’adhésion » in French: the Chambre certifies that the
 * organisation is a member up to date with its cotisation for the year. Set in the invoices'
 * DejaVu Sans (embedded subset), so names print as written; the same certificate renders the
 * same bytes (its creation date is the day it is issued).
 */
export async function renderMembershipCertificate(
  certificate: MembershipCertificate,
): Promise<Buffer> {
  const issuedDay = new Date(`${certificate.issuedOn}T00:00:00Z`);
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'fr-FR',
    displayTitle: true,
    subset: 'PDF/A-3b',
    pdfVersion: '1.7',
    font: '',
    info: {
      Title: `Attestation d’adhésion ${certificate.year}`,
      Author: certificate.chambre.legalName,
      Subject: `Attestation d’adhésion ${certificate.year} de ${certificate.organisation.legalName}`,
      Creator: 'Mutualis',
      CreationDate: issuedDay,
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
  draw(pdf, certificate);
  pdf.end();
  return done;
}

function draw(pdf: PDFKit.PDFDocument, certificate: MembershipCertificate): void {
  const { chambre, organisation, year } = certificate;
  const width = pdf.page.width - 2 * MARGIN;

  pdf.fillColor(INK).font(BOLD).fontSize(12).text(chambre.legalName, MARGIN, MARGIN);
  pdf.font(REGULAR).fontSize(9).fillColor(MUTED);
  for (const line of chambre.addressLines) pdf.text(line);
  pdf.text(`SIRET ${formatSiret(chambre.siret)}`);

  pdf.moveDown(5);
  pdf
    .fillColor(INK)
    .font(BOLD)
    .fontSize(22)
    .text('Attestation d’adhésion', MARGIN, pdf.y, { width, align: 'center' });
  pdf.font(REGULAR).fontSize(13).fillColor(MUTED).text(`Année ${year}`, { width, align: 'center' });

  pdf.moveDown(3);
  pdf
    .fillColor(INK)
    .font(REGULAR)
    .fontSize(11)
    .text(`${chambre.legalName} atteste que l’organisation :`, { width });

  pdf.moveDown(1.2);
  const boxTop = pdf.y;
  pdf
    .font(BOLD)
    .fontSize(13)
    .text(organisation.legalName, MARGIN + 16, boxTop + 12, {
      width: width - 32,
    });
  pdf.font(REGULAR).fontSize(10).fillColor(MUTED);
  for (const identifier of identifiers(organisation)) pdf.text(identifier, { width: width - 32 });
  for (const line of organisation.addressLines) pdf.text(line, { width: width - 32 });
  const boxBottom = pdf.y + 12;
  pdf
    .lineWidth(0.8)
    .strokeColor('#9aa5b1')
    .rect(MARGIN, boxTop, width, boxBottom - boxTop)
    .stroke();

  pdf.y = boxBottom;
  pdf.moveDown(1.5);
  pdf
    .fillColor(INK)
    .font(REGULAR)
    .fontSize(11)
    .text(
      `est membre de ${chambre.legalName} et à jour de sa cotisation pour l’année ${year} ` +
        `(du 1er janvier au 31 décembre ${year}).`,
      MARGIN,
      pdf.y,
      { width },
    );
  pdf.moveDown(1);
  pdf.text('Cette attestation est délivrée pour servir et valoir ce que de droit.', { width });

  pdf.moveDown(3);
  pdf.text(`Fait à ${chambre.city}, le ${formatLongDate(certificate.issuedOn)}`, {
    width,
    align: 'right',
  });
  pdf.moveDown(0.5);
  pdf.font(BOLD).text(`Pour ${chambre.legalName}`, { width, align: 'right' });
}

function identifiers(organisation: MembershipCertificate['organisation']): string[] {
  return [
    ...(organisation.siret ? [`SIRET ${formatSiret(organisation.siret)}`] : []),
    ...(organisation.rna ? [`RNA ${organisation.rna}`] : []),
  ];
}

function formatSiret(siret: string): string {
  return `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;
}

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** « 7 décembre 2026 », « 1er mars 2027 ». */
export function formatLongDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${date === 1 ? '1er' : date} ${MONTHS[month - 1]} ${year}`;
}
