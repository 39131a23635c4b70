import type { DeliveryMode, TrainingPedagogy } from '@mutualis/catalogue';
import { minutesOf, splitIntoHalfDays } from '../domain/half-days';
import {
  BOLD,
  contentWidth,
  drawBullets,
  drawFacts,
  drawHeading,
  drawLetterhead,
  drawParagraph,
  drawTitle,
  formatParisDate,
  formatParisDay,
  formatParisTime,
  INK,
  MARGIN,
  REGULAR,
  renderTrainingPdf,
} from './programme-pdf';
import type { TrainingBody } from '../domain/training-body';
import { DELIVERY_MODE_LABELS } from './programme.renderer';
import { formatHours } from '../domain/french-format';

/** Everything a trainee's convocation states (issue 21 §3). */
export interface ConvocationSheet {
  body: TrainingBody;
  trainee: { name: string; organisationName: string | null };
  offering: {
    title: string;
    deliveryMode: DeliveryMode;
    pedagogy: TrainingPedagogy;
  };
  session: {
    startsAt: Date;
    endsAt: Date;
    location: string | null;
    remoteUrl: string | null;
  };
  trainer: { name: string; email: string | null } | null;
  /** A later version after the session moved: it replaces the earlier one. */
  revised: boolean;
  issuedAt: Date;
}

/** The days of a session with their hours (Paris time), and the hours in all. */
export function scheduleOf(session: { startsAt: Date; endsAt: Date }): {
  days: { label: string; hours: string }[];
  totalMinutes: number;
} {
  const halves = splitIntoHalfDays(session.startsAt, session.endsAt);
  const days = new Map<string, { label: string; spans: string[] }>();
  for (const half of halves) {
    const day = days.get(half.day) ?? { label: formatParisDay(half.startsAt), spans: [] };
    day.spans.push(`${formatParisTime(half.startsAt)} – ${formatParisTime(half.endsAt)}`);
    days.set(half.day, day);
  }
  return {
    days: [...days.values()].map((day) => ({ label: day.label, hours: day.spans.join(' et ') })),
    totalMinutes: halves.reduce((sum, half) => sum + minutesOf(half), 0),
  };
}

/** A trainee's convocation to a training session, in French, as an A4 PDF/A-3b. */
export function renderConvocation(sheet: ConvocationSheet): Promise<Buffer> {
  const { body, trainee, offering, session } = sheet;
  const pedagogy = offering.pedagogy;
  return renderTrainingPdf(
    {
      title: `Convocation — ${offering.title}`,
      subject: `Convocation de ${trainee.name} à la formation « ${offering.title} »`,
      author: body.legalName,
      createdAt: sheet.issuedAt,
    },
    (pdf) => {
      drawLetterhead(pdf, body);
      drawTitle(
        pdf,
        sheet.revised ? 'Convocation modifiée' : 'Convocation à une formation',
        sheet.revised
          ? 'Cette convocation annule et remplace la précédente : la date, les horaires ou le lieu ont changé.'
          : undefined,
      );

      drawParagraph(
        pdf,
        `${trainee.name}${trainee.organisationName ? ` (${trainee.organisationName})` : ''},`,
      );
      pdf.moveDown(0.4);
      drawParagraph(
        pdf,
        `Nous avons le plaisir de vous convoquer à la formation « ${offering.title} », action de formation organisée par ${body.legalName}.`,
      );

      const schedule = scheduleOf(session);
      drawHeading(pdf, 'Dates et horaires');
      drawBullets(
        pdf,
        schedule.days.map((day) => `${capitalise(day.label)} : ${day.hours}`),
      );
      pdf.moveDown(0.2);
      drawFacts(pdf, [['Durée totale', formatHours(schedule.totalMinutes)]]);

      drawHeading(pdf, 'Lieu et accès');
      const place: [string, string][] = [['Modalité', DELIVERY_MODE_LABELS[offering.deliveryMode]]];
      if (session.location) place.push(['Adresse', session.location]);
      if (session.remoteUrl) place.push(['Lien de connexion', session.remoteUrl]);
      if (!session.location && !session.remoteUrl)
        place.push(['Lieu', 'communiqué par l’intervenant']);
      drawFacts(pdf, place);
      if (session.remoteUrl) {
        drawParagraph(
          pdf,
          'Connectez-vous quelques minutes avant le début avec un ordinateur équipé d’une caméra et d’un micro.',
        );
      } else {
        drawParagraph(pdf, 'Merci de vous présenter quelques minutes avant le début.');
      }

      drawHeading(pdf, 'Programme');
      if ((pedagogy.objectives ?? []).length > 0) {
        drawParagraph(pdf, 'Objectifs :');
        drawBullets(pdf, pedagogy.objectives ?? []);
      }
      const modules = pedagogy.modules ?? [];
      if (modules.length > 0) {
        pdf.moveDown(0.2);
        drawParagraph(pdf, 'Modules :');
        drawBullets(
          pdf,
          modules.map((module, index) => `${index + 1}. ${module.title}`),
        );
      }
      drawParagraph(
        pdf,
        'Le programme détaillé est joint à votre inscription et disponible sur la page de la formation.',
      );

      drawHeading(pdf, 'À prévoir');
      drawParagraph(pdf, pedagogy.whatToBring || 'Rien de particulier.');

      drawHeading(pdf, 'Accessibilité');
      drawParagraph(
        pdf,
        'Si vous êtes en situation de handicap ou avez besoin d’un aménagement, contactez notre référent handicap avant la formation.',
      );
      const referent = pedagogy.accessibilityReferent;
      if (referent) {
        drawParagraph(
          pdf,
          `Référent handicap : ${[referent.name, referent.email, referent.phone].filter(Boolean).join(' · ')}`,
        );
      }

      drawHeading(pdf, 'Contacts');
      const contacts: [string, string][] = [];
      if (sheet.trainer) {
        contacts.push([
          'Intervenant',
          [sheet.trainer.name, sheet.trainer.email].filter(Boolean).join(' · '),
        ]);
      }
      contacts.push([
        'Organisme de formation',
        [body.legalName, body.email, body.phone].filter(Boolean).join(' · '),
      ]);
      drawFacts(pdf, contacts);
      drawParagraph(
        pdf,
        'Vous signerez la feuille d’émargement à chaque demi-journée, depuis votre téléphone, avec le lien personnel qui vous sera envoyé.',
      );

      pdf.moveDown(1.5);
      pdf
        .font(REGULAR)
        .fontSize(10)
        .fillColor(INK)
        .text(`Fait à ${body.city}, le ${formatParisDate(sheet.issuedAt)}`, MARGIN, pdf.y, {
          width: contentWidth(pdf),
          align: 'right',
        });
      pdf.font(BOLD).text(`Pour ${body.legalName}`, { width: contentWidth(pdf), align: 'right' });
    },
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
