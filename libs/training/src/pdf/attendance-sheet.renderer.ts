import {
  BOLD,
  bodyLines,
  formatPeriod,
  INK,
  MUTED,
  openPdf,
  parisLongDate,
  parisShortDay,
  parisTime,
  REGULAR,
  RULE,
} from './completion-pdf';
import type { TrainingBody } from '../domain/training-body';
import { formatHours } from '../domain/french-format';

export interface SheetHalfDay {
  startsAt: Date;
  endsAt: Date;
  period: 'morning' | 'afternoon';
  countersignedAt: Date | null;
  countersignerName: string | null;
  countersignaturePng: Buffer | null;
}

export interface SheetMark {
  status: 'present' | 'absent';
  signedAt: Date | null;
  signaturePng: Buffer | null;
  typedName: string | null;
  remote: boolean;
  minutesMissed: number;
  absenceReason: string | null;
}

export interface SheetTrainee {
  name: string;
  organisationName: string;
  /** One per half-day, in order; null where nothing is recorded yet. */
  marks: (SheetMark | null)[];
  attendedMinutes: number;
}

/** What the feuille d'émargement of a session prints. */
export interface AttendanceSheet {
  body: TrainingBody;
  training: { title: string; consultantName: string; place: string; startsAt: Date; endsAt: Date };
  halfDays: SheetHalfDay[];
  trainees: SheetTrainee[];
  scheduledMinutes: number;
  /** When this version was made (printed; the sheet can be made any time). */
  madeAt: Date;
}

const MARGIN = 36;
const NAME_WIDTH = 150;
const HOURS_WIDTH = 70;
const ROW_HEIGHT = 58;
const HEADER_HEIGHT = 34;
/** Half-days per page width: beyond, the grid continues on further pages with the same rows. */
const HALF_DAYS_PER_PAGE = 4;

/**
 * The feuille d'émargement of a session (R6313-3-1 evidence for the OPCOs): trainees ×
 * half-days, each cell with the trainee's signature (drawn image or typed name) and its time, or
 * the absence and its reason, the minutes missed, then the consultant's countersignature per
 * half-day and the hours attended per trainee. A4 landscape; long sessions run over several pages.
 */
export async function renderAttendanceSheet(sheet: AttendanceSheet): Promise<Buffer> {
  const { pdf, done } = openPdf({
    title: `Feuille d’émargement — ${sheet.training.title}`,
    author: sheet.body.legalName,
    subject: `Feuille d’émargement : ${sheet.training.title}, ${formatPeriod(
      sheet.training.startsAt,
      sheet.training.endsAt,
    )}`,
    createdAt: sheet.madeAt,
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
  });
  const groups: number[][] = [];
  for (let at = 0; at < sheet.halfDays.length; at += HALF_DAYS_PER_PAGE) {
    groups.push(
      sheet.halfDays.slice(at, at + HALF_DAYS_PER_PAGE).map((_half, offset) => at + offset),
    );
  }
  if (groups.length === 0) groups.push([]);
  groups.forEach((group, index) => {
    if (index > 0) pdf.addPage();
    drawHeader(pdf, sheet);
    drawGrid(pdf, sheet, group);
  });
  numberPages(pdf, sheet);
  pdf.end();
  return done;
}

/** Each page says which sheet it belongs to and where it stands: pages get separated. */
function numberPages(pdf: PDFKit.PDFDocument, sheet: AttendanceSheet): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    pdf.switchToPage(index);
    const bottom = pdf.page.margins.bottom;
    // Written in the bottom margin: without this PDFKit would start a new page.
    pdf.page.margins.bottom = 0;
    pdf
      .font(REGULAR)
      .fontSize(7)
      .fillColor(MUTED)
      .text(
        `Feuille d’émargement — ${sheet.training.title} — ` +
          `${formatPeriod(sheet.training.startsAt, sheet.training.endsAt)} — ` +
          `page ${index - start + 1} / ${count}`,
        MARGIN,
        pdf.page.height - MARGIN + 10,
        { width: pdf.page.width - 2 * MARGIN, align: 'center', lineBreak: false },
      );
    pdf.page.margins.bottom = bottom;
  }
}

function drawHeader(pdf: PDFKit.PDFDocument, sheet: AttendanceSheet): void {
  const width = pdf.page.width - 2 * MARGIN;
  const { body, training } = sheet;
  pdf.fillColor(INK).font(BOLD).fontSize(11).text(body.legalName, MARGIN, MARGIN);
  pdf.font(REGULAR).fontSize(8).fillColor(MUTED);
  for (const line of bodyLines(body)) pdf.text(line, { width: width / 2 });
  const top = MARGIN;
  pdf
    .fillColor(INK)
    .font(BOLD)
    .fontSize(16)
    .text('Feuille d’émargement', MARGIN + width / 2, top, { width: width / 2, align: 'right' });
  pdf
    .font(REGULAR)
    .fontSize(8)
    .fillColor(MUTED)
    .text(`Établie le ${parisLongDate(sheet.madeAt)} à ${parisTime(sheet.madeAt)}`, {
      width: width / 2,
      align: 'right',
    });
  pdf.y = Math.max(pdf.y, MARGIN + 52);
  pdf.moveDown(0.6);
  pdf
    .fillColor(INK)
    .font(BOLD)
    .fontSize(10)
    .text(`Action de formation : ${training.title}`, MARGIN, pdf.y, { width });
  pdf
    .font(REGULAR)
    .fontSize(9)
    .text(
      `${capitalise(formatPeriod(training.startsAt, training.endsAt))} · Lieu : ${training.place} · ` +
        `Formateur : ${training.consultantName} · Durée : ${formatHours(sheet.scheduledMinutes)}`,
      { width },
    );
  pdf.moveDown(0.6);
}

function drawGrid(pdf: PDFKit.PDFDocument, sheet: AttendanceSheet, group: number[]): void {
  const width = pdf.page.width - 2 * MARGIN;
  const cellWidth = group.length
    ? Math.min(150, (width - NAME_WIDTH - HOURS_WIDTH) / group.length)
    : 0;
  const hoursX = MARGIN + NAME_WIDTH + cellWidth * group.length;
  const bottomLimit = pdf.page.height - MARGIN;

  const columnHeads = (top: number) => {
    pdf.font(BOLD).fontSize(8).fillColor(INK);
    box(pdf, MARGIN, top, NAME_WIDTH, HEADER_HEIGHT);
    pdf.text('Stagiaire', MARGIN + 4, top + 4, { width: NAME_WIDTH - 8 });
    group.forEach((at, column) => {
      const half = sheet.halfDays[at];
      const x = MARGIN + NAME_WIDTH + column * cellWidth;
      box(pdf, x, top, cellWidth, HEADER_HEIGHT);
      pdf
        .font(BOLD)
        .text(
          `${parisShortDay(half.startsAt)} ${half.period === 'morning' ? 'matin' : 'après-midi'}`,
          x + 4,
          top + 4,
          { width: cellWidth - 8 },
        );
      pdf
        .font(REGULAR)
        .text(`${parisTime(half.startsAt)}–${parisTime(half.endsAt)}`, { width: cellWidth - 8 });
    });
    box(pdf, hoursX, top, HOURS_WIDTH, HEADER_HEIGHT);
    pdf.font(BOLD).text('Heures réalisées', hoursX + 4, top + 4, { width: HOURS_WIDTH - 8 });
    return top + HEADER_HEIGHT;
  };

  let y = columnHeads(pdf.y);
  const nextRow = (height: number) => {
    if (y + height <= bottomLimit) return;
    pdf.addPage();
    y = columnHeads(MARGIN);
  };

  if (sheet.trainees.length === 0) {
    pdf
      .font(REGULAR)
      .fontSize(9)
      .fillColor(MUTED)
      .text('Aucun stagiaire inscrit.', MARGIN + 4, y + 6);
    y += 24;
  }
  for (const trainee of sheet.trainees) {
    nextRow(ROW_HEIGHT);
    box(pdf, MARGIN, y, NAME_WIDTH, ROW_HEIGHT);
    pdf
      .fillColor(INK)
      .font(BOLD)
      .fontSize(8.5)
      .text(trainee.name, MARGIN + 4, y + 4, { width: NAME_WIDTH - 8 });
    pdf
      .font(REGULAR)
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(trainee.organisationName, { width: NAME_WIDTH - 8, height: ROW_HEIGHT - 20 });
    group.forEach((at, column) => {
      const x = MARGIN + NAME_WIDTH + column * cellWidth;
      box(pdf, x, y, cellWidth, ROW_HEIGHT);
      drawMark(pdf, trainee.marks[at], x, y, cellWidth);
    });
    box(pdf, hoursX, y, HOURS_WIDTH, ROW_HEIGHT);
    pdf
      .fillColor(INK)
      .font(BOLD)
      .fontSize(9)
      .text(formatHours(trainee.attendedMinutes), hoursX + 4, y + 6, {
        width: HOURS_WIDTH - 8,
      });
    pdf
      .font(REGULAR)
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(`sur ${formatHours(sheet.scheduledMinutes)}`, { width: HOURS_WIDTH - 8 });
    y += ROW_HEIGHT;
  }

  // The consultant's countersignature closes each half-day.
  nextRow(ROW_HEIGHT);
  box(pdf, MARGIN, y, NAME_WIDTH, ROW_HEIGHT);
  pdf
    .fillColor(INK)
    .font(BOLD)
    .fontSize(8.5)
    .text('Contreseing du formateur', MARGIN + 4, y + 4, { width: NAME_WIDTH - 8 });
  group.forEach((at, column) => {
    const half = sheet.halfDays[at];
    const x = MARGIN + NAME_WIDTH + column * cellWidth;
    box(pdf, x, y, cellWidth, ROW_HEIGHT);
    if (!half.countersignedAt) {
      pdf
        .font(REGULAR)
        .fontSize(7.5)
        .fillColor(MUTED)
        .text('Non contresignée', x + 4, y + 4, { width: cellWidth - 8 });
      return;
    }
    const drawn = half.countersignaturePng
      ? image(pdf, half.countersignaturePng, x, y, cellWidth)
      : false;
    if (!drawn) {
      pdf
        .font(BOLD)
        .fontSize(9)
        .fillColor(INK)
        .text(half.countersignerName ?? 'Contresigné', x + 4, y + 8, {
          width: cellWidth - 8,
          height: 24,
        });
    }
    pdf
      .font(REGULAR)
      .fontSize(6.5)
      .fillColor(MUTED)
      .text(
        `${half.countersignerName ?? ''}, ${parisShortDay(half.countersignedAt)} ` +
          `${parisTime(half.countersignedAt)}`,
        x + 4,
        y + ROW_HEIGHT - 18,
        { width: cellWidth - 8, height: 16 },
      );
  });
  box(pdf, hoursX, y, HOURS_WIDTH, ROW_HEIGHT);
  y += ROW_HEIGHT;
  pdf.y = y + 8;
  pdf
    .font(REGULAR)
    .fontSize(7)
    .fillColor(MUTED)
    .text(
      'Heures en heure de Paris. Heures réalisées : demi-journées signées présentes, moins les minutes ' +
        'de retard ou de départ anticipé relevées par le formateur.',
      MARGIN,
      pdf.y,
      { width },
    );
}

function drawMark(
  pdf: PDFKit.PDFDocument,
  mark: SheetMark | null,
  x: number,
  y: number,
  width: number,
): void {
  const inner = width - 8;
  if (!mark) {
    pdf
      .font(REGULAR)
      .fontSize(7.5)
      .fillColor(MUTED)
      .text('Non signé', x + 4, y + 4, { width: inner });
    return;
  }
  if (mark.status === 'absent') {
    pdf
      .font(BOLD)
      .fontSize(8)
      .fillColor(INK)
      .text('Absent(e)', x + 4, y + 4, { width: inner });
    pdf
      .font(REGULAR)
      .fontSize(7)
      .fillColor(MUTED)
      .text(`Motif : ${mark.absenceReason ?? '—'}`, { width: inner, height: ROW_HEIGHT - 18 });
    return;
  }
  const drawn = mark.signaturePng ? image(pdf, mark.signaturePng, x, y, width) : false;
  if (!drawn) {
    pdf
      .font(BOLD)
      .fontSize(9)
      .fillColor(INK)
      .text(mark.typedName ?? 'Signé', x + 4, y + 8, { width: inner, height: 24 });
  }
  const notes = [
    mark.signedAt ? `Signé à ${parisTime(mark.signedAt)}` : 'Présent(e)',
    ...(mark.remote ? ['à distance'] : []),
    ...(mark.minutesMissed > 0 ? [`${mark.minutesMissed} min manquées`] : []),
  ].join(' · ');
  pdf
    .font(REGULAR)
    .fontSize(6.5)
    .fillColor(MUTED)
    .text(notes, x + 4, y + ROW_HEIGHT - 18, { width: inner, height: 16 });
}

/** A drawn signature, fitted in the cell's top; false when the image cannot be read. */
function image(pdf: PDFKit.PDFDocument, png: Buffer, x: number, y: number, width: number) {
  try {
    pdf.image(png, x + 4, y + 3, { fit: [width - 8, ROW_HEIGHT - 24], align: 'center' });
    return true;
  } catch {
    // A signature stored is never altered: an unreadable one is said, not dropped silently.
    pdf
      .font(REGULAR)
      .fontSize(7)
      .fillColor(MUTED)
      .text('(signature illisible)', x + 4, y + 8, { width: width - 8 });
    return false;
  }
}

function box(pdf: PDFKit.PDFDocument, x: number, y: number, width: number, height: number): void {
  pdf.lineWidth(0.5).strokeColor(RULE).rect(x, y, width, height).stroke();
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
