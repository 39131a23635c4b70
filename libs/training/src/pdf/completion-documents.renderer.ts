import {
  BOLD,
  bodyLines,
  formatPeriod,
  INK,
  MUTED,
  openPdf,
  parisLongDate,
  REGULAR,
  RULE,
  Signatory,
} from './completion-pdf';
import type { TrainingBody } from '../domain/training-body';
import { formatHours } from '../domain/french-format';

/** How far one objective was reached, as the attestation de fin de formation states it. */
export type ObjectiveResult = 'acquis' | 'en cours d’acquisition' | 'non évalué';

/** What a trainee's attestation and certificat de réalisation print. */
export interface TraineeCompletion {
  body: TrainingBody;
  signatory: Signatory;
  trainee: { name: string };
  /** The organisation that booked (the trainee's employer, or the person paying themselves). */
  organisation: { legalName: string };
  training: {
    title: string;
    objectives: string[];
    startsAt: Date;
    endsAt: Date;
    /** The place, or « À distance » for a remote session. */
    place: string;
  };
  scheduledMinutes: number;
  attendedMinutes: number;
  /** One per objective, in order. */
  results: ObjectiveResult[];
  /** The offering's evaluation methods (R6353-1), printed before the results; null if unstated. */
  evaluationMethods: string | null;
  /** How the results were decided, printed under them. */
  evaluationNote: string;
  /** The day the documents are made: the session's end. */
  issuedAt: Date;
}

const MARGIN = 64;

/**
 * The result of each objective when no evaluation of acquired knowledge was recorded for the
 * trainee: it follows their attendance (all the hours: acquis; some: en cours; none: non
 * évalué), and the attestation says so. An evaluation recorded later would replace it.
 */
export function resultsFromAttendance(
  objectives: string[],
  attendedMinutes: number,
  scheduledMinutes: number,
): ObjectiveResult[] {
  const result: ObjectiveResult =
    attendedMinutes <= 0
      ? 'non évalué'
      : attendedMinutes >= scheduledMinutes
        ? 'acquis'
        : 'en cours d’acquisition';
  return objectives.map(() => result);
}

export const ATTENDANCE_EVALUATION_NOTE =
  'Évaluation des acquis établie d’après la participation aux séquences de la formation ' +
  '(feuille d’émargement signée par demi-journée), aucune évaluation individuelle n’ayant été enregistrée.';

/**
 * The attestation de fin de formation (Code du travail L6353-1): the training's objectives, its
 * nature (action de formation, L6313-1), its duration and the results of the evaluation of the
 * acquired knowledge, delivered to the trainee at the end of the action.
 */
export async function renderAttestation(completion: TraineeCompletion): Promise<Buffer> {
  const { pdf, done } = openPdf({
    title: `Attestation de fin de formation — ${completion.trainee.name}`,
    author: completion.body.legalName,
    subject: `Attestation de fin de formation : ${completion.training.title}`,
    createdAt: completion.issuedAt,
    margin: MARGIN,
  });
  const width = pdf.page.width - 2 * MARGIN;
  const { body, training, trainee, organisation } = completion;

  header(pdf, body);
  pdf.moveDown(2.5);
  pdf
    .fillColor(INK)
    .font(BOLD)
    .fontSize(20)
    .text('Attestation de fin de formation', MARGIN, pdf.y, { width, align: 'center' });
  pdf
    .font(REGULAR)
    .fontSize(9)
    .fillColor(MUTED)
    .text('Article L6353-1 du Code du travail', { width, align: 'center' });

  pdf.moveDown(2);
  pdf.fillColor(INK).font(REGULAR).fontSize(11);
  pdf.text(`${body.legalName}, organisme de formation, atteste que :`, { width });
  pdf.moveDown(0.6);
  pdf
    .font(BOLD)
    .fontSize(13)
    .text(trainee.name, MARGIN + 16, pdf.y, { width: width - 16 });
  pdf
    .font(REGULAR)
    .fontSize(10)
    .fillColor(MUTED)
    .text(`de l’organisation ${organisation.legalName}`, { width: width - 16 });
  pdf.moveDown(0.6);
  pdf.fillColor(INK).fontSize(11).text('a suivi l’action de formation :', MARGIN, pdf.y, { width });
  pdf.moveDown(0.4);
  pdf
    .font(BOLD)
    .fontSize(13)
    .text(training.title, MARGIN + 16, pdf.y, { width: width - 16 });
  pdf.moveDown(0.8);

  field(pdf, 'Nature de l’action', 'Action de formation (article L6313-1 du Code du travail)');
  field(pdf, 'Dates', formatPeriod(training.startsAt, training.endsAt));
  field(pdf, 'Lieu', training.place);
  field(pdf, 'Durée de la formation', formatHours(completion.scheduledMinutes));
  field(
    pdf,
    'Durée suivie',
    `${formatHours(completion.attendedMinutes)} sur ${formatHours(completion.scheduledMinutes)}`,
  );

  pdf.moveDown(1);
  pdf
    .fillColor(INK)
    .font(BOLD)
    .fontSize(11)
    .text('Objectifs et résultats de l’évaluation des acquis', MARGIN, pdf.y, { width });
  pdf.moveDown(0.4);
  if (completion.evaluationMethods) {
    pdf
      .font(REGULAR)
      .fontSize(9)
      .fillColor(MUTED)
      .text(`Modalités d’évaluation : ${completion.evaluationMethods}`, MARGIN, pdf.y, { width });
    pdf.moveDown(0.4);
  }
  const resultWidth = 150;
  training.objectives.forEach((objective, index) => {
    const top = pdf.y;
    pdf
      .font(REGULAR)
      .fontSize(10)
      .fillColor(INK)
      .text(`• ${objective}`, MARGIN, top, { width: width - resultWidth - 12 });
    const bottom = pdf.y;
    pdf
      .font(BOLD)
      .text(completion.results[index] ?? 'non évalué', MARGIN + width - resultWidth, top, {
        width: resultWidth,
        align: 'right',
      });
    pdf.y = Math.max(bottom, pdf.y) + 4;
  });
  pdf.moveDown(0.4);
  pdf
    .font(REGULAR)
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(completion.evaluationNote, MARGIN, pdf.y, { width });

  signature(pdf, completion, width);
  pdf.end();
  return done;
}

/**
 * The certificat de réalisation following the Ministry of Labour's model (the one the OPCOs
 * require to pay): the training body and its NDA, the trainee and their organisation, the
 * action and its nature, its dates, its duration and the hours attended (« réalisée à hauteur
 * de X h sur Y h »), the 3-year keeping of the evidence, signed for the training body.
 */
export async function renderCertificate(completion: TraineeCompletion): Promise<Buffer> {
  const { pdf, done } = openPdf({
    title: `Certificat de réalisation — ${completion.trainee.name}`,
    author: completion.body.legalName,
    subject: `Certificat de réalisation : ${completion.training.title}`,
    createdAt: completion.issuedAt,
    margin: MARGIN,
  });
  const width = pdf.page.width - 2 * MARGIN;
  const { body, training, trainee, organisation, signatory } = completion;

  header(pdf, body);
  pdf.moveDown(2.5);
  pdf
    .fillColor(INK)
    .font(BOLD)
    .fontSize(20)
    .text('Certificat de réalisation', MARGIN, pdf.y, { width, align: 'center' });
  pdf.moveDown(2);

  pdf.fillColor(INK).font(REGULAR).fontSize(11);
  pdf.text(
    `Je soussigné(e) ${signatory.name ?? '……………………………………'}, ` +
      `${signatory.capacity ?? 'représentant(e) légal(e)'} du dispensateur de l’action concourant ` +
      `au développement des compétences ${body.legalName}` +
      (body.declarationNumber
        ? `, déclaré sous le numéro d’activité ${body.declarationNumber},`
        : ',') +
      ' atteste que :',
    MARGIN,
    pdf.y,
    { width },
  );
  pdf.moveDown(0.8);
  pdf
    .font(BOLD)
    .fontSize(13)
    .text(trainee.name, MARGIN + 16, pdf.y, { width: width - 16 });
  pdf
    .font(REGULAR)
    .fontSize(11)
    .text(`salarié(e) ou membre de l’organisation ${organisation.legalName}`, {
      width: width - 16,
    });
  pdf.moveDown(0.6);
  pdf.text('a suivi l’action', MARGIN, pdf.y, { width });
  pdf.font(BOLD).text(training.title, MARGIN + 16, pdf.y, { width: width - 16 });
  pdf.moveDown(0.8);

  pdf
    .font(REGULAR)
    .text('Nature de l’action concourant au développement des compétences :', MARGIN, pdf.y, {
      width,
    });
  pdf.moveDown(0.3);
  for (const [checked, label] of [
    [true, 'action de formation'],
    [false, 'bilan de compétences'],
    [false, 'action de VAE'],
    [false, 'action de formation par apprentissage'],
  ] as const) {
    pdf.text(`${checked ? '☒' : '☐'} ${label}`, MARGIN + 16, pdf.y, { width: width - 16 });
  }
  pdf.moveDown(0.8);
  pdf.text(
    `qui s’est déroulée ${formatPeriod(training.startsAt, training.endsAt)} (${training.place}),`,
    MARGIN,
    pdf.y,
    { width },
  );
  pdf.text(`pour une durée de ${formatHours(completion.scheduledMinutes)},`, { width });
  pdf
    .font(BOLD)
    .text(
      `réalisée à hauteur de ${formatHours(completion.attendedMinutes)} sur ` +
        `${formatHours(completion.scheduledMinutes)}.`,
      { width },
    );
  pdf.moveDown(1.2);
  pdf
    .font(REGULAR)
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(
      'Sans préjudice des délais imposés par les règles fiscales, comptables ou commerciales, je ' +
        'm’engage à conserver l’ensemble des pièces justificatives qui ont permis d’établir le ' +
        'présent certificat pendant une durée de 3 ans à compter de la fin de l’année du dernier ' +
        'paiement. En cas de cofinancement des fonds européens, la durée de conservation est ' +
        'étendue conformément aux obligations conventionnelles spécifiques.',
      { width },
    );

  signature(pdf, completion, width);
  pdf.end();
  return done;
}

function header(pdf: PDFKit.PDFDocument, body: TrainingBody): void {
  pdf.fillColor(INK).font(BOLD).fontSize(12).text(body.legalName, MARGIN, MARGIN);
  pdf.font(REGULAR).fontSize(9).fillColor(MUTED);
  for (const line of bodyLines(body)) pdf.text(line);
}

function field(pdf: PDFKit.PDFDocument, label: string, value: string): void {
  const width = pdf.page.width - 2 * MARGIN;
  pdf
    .fillColor(MUTED)
    .font(REGULAR)
    .fontSize(10)
    .text(`${label} : `, MARGIN, pdf.y, { continued: true, width });
  pdf.fillColor(INK).font(BOLD).text(value);
}

/** « Fait à …, le … », then the signatory's name and capacity for the training body. */
function signature(pdf: PDFKit.PDFDocument, completion: TraineeCompletion, width: number): void {
  const { body, signatory } = completion;
  pdf.moveDown(2);
  pdf
    .fillColor(INK)
    .font(REGULAR)
    .fontSize(11)
    .text(`Fait à ${body.city}, le ${parisLongDate(completion.issuedAt)}`, MARGIN, pdf.y, {
      width,
      align: 'right',
    });
  pdf.moveDown(0.5);
  pdf.font(BOLD).text(`Pour ${body.legalName}`, { width, align: 'right' });
  pdf
    .font(REGULAR)
    .text(
      [signatory.name, signatory.capacity].filter(Boolean).join(', ') ||
        'Nom, prénom et qualité du signataire',
      { width, align: 'right' },
    );
  const top = pdf.y + 6;
  pdf
    .lineWidth(0.6)
    .strokeColor(RULE)
    .rect(MARGIN + width - 200, top, 200, 60)
    .stroke();
  pdf
    .fontSize(7.5)
    .fillColor(MUTED)
    .text('Cachet et signature', MARGIN + width - 196, top + 4, { width: 192 });
}
