import type { DeliveryMode, TrainingPedagogy } from '@mutualis/catalogue';
import {
  drawBullets,
  drawFacts,
  drawHeading,
  drawLetterhead,
  drawParagraph,
  drawTitle,
  formatParisDate,
  renderTrainingPdf,
} from './programme-pdf';
import type { TrainingBody } from '../domain/training-body';
import { formatEuros, formatHours } from '../domain/french-format';

/** Everything a training's programme states (R6353-1, Qualiopi indicators 1–7). */
export interface ProgrammeSheet {
  body: TrainingBody;
  offering: {
    title: string;
    summary: string;
    deliveryMode: DeliveryMode;
    durationMinutes: number;
    memberPriceCents: number;
    nonMemberPriceCents: number;
    /** The VAT line under the prices (« TVA 20 % en sus », the exemption's provision…). */
    vatMention: string;
    pedagogy: TrainingPedagogy;
  };
  trainerName: string | null;
  /** When this version was made (the publication): printed, and the PDF's creation date. */
  versionAt: Date;
}

const NOT_STATED = 'Non renseigné';

export const DELIVERY_MODE_LABELS: Record<DeliveryMode, string> = {
  on_site: 'En présentiel',
  remote: 'À distance (classe virtuelle)',
  hybrid: 'En présentiel ou à distance',
};

/** The programme of a training offering, in French, as an A4 PDF/A-3b. */
export function renderProgramme(sheet: ProgrammeSheet): Promise<Buffer> {
  const { offering, body } = sheet;
  return renderTrainingPdf(
    {
      title: `Programme — ${offering.title}`,
      subject: `Programme de la formation « ${offering.title} »`,
      author: body.legalName,
      createdAt: sheet.versionAt,
    },
    (pdf) => {
      const pedagogy = offering.pedagogy;
      drawLetterhead(pdf, body);
      drawTitle(pdf, offering.title, 'Programme de formation');
      drawParagraph(pdf, offering.summary);
      pdf.moveDown(0.5);
      drawFacts(pdf, [
        ['Durée', `${formatHours(offering.durationMinutes)} par session`],
        ['Modalité', DELIVERY_MODE_LABELS[offering.deliveryMode]],
        ['Nature de l’action', 'Action de formation (art. L6313-1 du Code du travail)'],
        ...(sheet.trainerName ? [['Intervenant', sheet.trainerName] as [string, string]] : []),
      ]);

      drawHeading(pdf, 'Objectifs pédagogiques');
      drawParagraph(pdf, 'À l’issue de la formation, le stagiaire sera capable de :');
      drawBullets(pdf, pedagogy.objectives ?? []);

      drawHeading(pdf, 'Public visé');
      drawParagraph(pdf, pedagogy.audience || NOT_STATED);
      drawHeading(pdf, 'Prérequis');
      drawParagraph(pdf, pedagogy.prerequisites || NOT_STATED);

      drawHeading(pdf, 'Programme');
      (pedagogy.modules ?? []).forEach((module, index) => {
        const duration = module.durationMinutes ? ` (${formatHours(module.durationMinutes)})` : '';
        pdf
          .font('DejaVuSans-Bold')
          .fontSize(10)
          .text(`${index + 1}. ${module.title}${duration}`);
        drawParagraph(pdf, module.content);
        pdf.moveDown(0.3);
      });

      drawHeading(pdf, 'Méthodes pédagogiques');
      drawParagraph(pdf, pedagogy.teachingMethods || NOT_STATED);
      drawHeading(pdf, 'Modalités d’évaluation');
      drawParagraph(pdf, pedagogy.evaluationMethods || NOT_STATED);

      drawHeading(pdf, 'Accessibilité aux personnes en situation de handicap');
      drawParagraph(pdf, pedagogy.accessibility || NOT_STATED);
      const referent = pedagogy.accessibilityReferent;
      if (referent) {
        drawParagraph(
          pdf,
          `Référent handicap : ${[referent.name, referent.email, referent.phone].filter(Boolean).join(' · ')}`,
        );
      }

      drawHeading(pdf, 'Délai d’accès');
      drawParagraph(pdf, pedagogy.accessDelay || NOT_STATED);
      if (pedagogy.whatToBring) {
        drawHeading(pdf, 'À prévoir');
        drawParagraph(pdf, pedagogy.whatToBring);
      }

      drawHeading(pdf, 'Tarifs');
      drawFacts(pdf, [
        ['Adhérents', `${formatEuros(offering.memberPriceCents)} HT par stagiaire`],
        ['Non-adhérents', `${formatEuros(offering.nonMemberPriceCents)} HT par stagiaire`],
      ]);
      drawParagraph(pdf, offering.vatMention);

      pdf.moveDown(1.5);
      pdf
        .fontSize(8.5)
        .fillColor('#52606d')
        .text(`Programme à jour au ${formatParisDate(sheet.versionAt)}.`);
    },
  );
}
