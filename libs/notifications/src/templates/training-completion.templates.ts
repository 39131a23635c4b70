import { contactParagraph, quoted } from './common-blocks';
import { formatParisPeriod } from './format';
import { action, fact, facts, LocalisedTemplate, paragraph, strong } from './mail-content';
import type { MailLocale } from './template-data';

/** « 10,5 h » / “10.5 h”. */
function hours(minutes: number, locale: MailLocale): string {
  const value = Math.round((minutes / 60) * 100) / 100;
  return `${locale === 'fr' ? String(value).replace('.', ',') : String(value)} h`;
}

/** To the trainee: their attestation de fin de formation and certificat de réalisation, attached. */
export const trainingCompletionTrainee: LocalisedTemplate<'training-completion-trainee'> = {
  fr: (data, context) => ({
    subject: `Votre attestation de formation : ${data.offeringTitle}`,
    heading: 'Votre formation est terminée',
    blocks: [
      paragraph(
        `Vous trouverez ci-joint votre attestation de fin de formation et votre certificat de réalisation pour la formation ${quoted(data.offeringTitle, 'fr')}.`,
      ),
      facts([
        fact('Dates', formatParisPeriod(data.startsAt, data.endsAt, 'fr')),
        fact(
          'Heures suivies',
          `${hours(data.attendedMinutes, 'fr')} sur ${hours(data.scheduledMinutes, 'fr')}`,
        ),
      ]),
      paragraph('Conservez ces documents : ils attestent de votre formation.'),
      contactParagraph(context.chambreEmail, 'fr'),
    ],
  }),
  en: (data, context) => ({
    subject: `Your training certificate: ${data.offeringTitle}`,
    heading: 'Your training is complete',
    blocks: [
      paragraph(
        `Attached are your end-of-training attestation and your certificate of completion for the training ${quoted(data.offeringTitle, 'en')}.`,
      ),
      facts([
        fact('Dates', formatParisPeriod(data.startsAt, data.endsAt, 'en')),
        fact(
          'Hours attended',
          `${hours(data.attendedMinutes, 'en')} of ${hours(data.scheduledMinutes, 'en')}`,
        ),
      ]),
      paragraph('Keep these documents: they are the record of your training.'),
      contactParagraph(context.chambreEmail, 'en'),
    ],
  }),
};

/**
 * To the organisation (whoever booked): a trainee's documents, attached, for its records and its
 * OPCO (the certificat de réalisation is what the OPCO pays on).
 */
export const trainingCompletionOrganisation: LocalisedTemplate<'training-completion-organisation'> =
  {
    fr: (data, context) => ({
      subject: `Certificat de réalisation de ${data.traineeName} : ${data.offeringTitle}`,
      heading: 'Documents de fin de formation',
      blocks: [
        paragraph(
          strong(data.traineeName),
          ` (${data.organisationName}) a suivi la formation ${quoted(data.offeringTitle, 'fr')}. ` +
            'Son attestation de fin de formation et son certificat de réalisation sont joints ; ' +
            'le certificat est la pièce que demande votre OPCO pour la prise en charge.',
        ),
        facts([
          fact('Dates', formatParisPeriod(data.startsAt, data.endsAt, 'fr')),
          fact(
            'Heures réalisées',
            `${hours(data.attendedMinutes, 'fr')} sur ${hours(data.scheduledMinutes, 'fr')}`,
          ),
        ]),
        action('Voir les documents de la réservation', data.bookingUrl),
        contactParagraph(context.chambreEmail, 'fr'),
      ],
    }),
    en: (data, context) => ({
      subject: `Certificate of completion for ${data.traineeName}: ${data.offeringTitle}`,
      heading: 'End-of-training documents',
      blocks: [
        paragraph(
          strong(data.traineeName),
          ` (${data.organisationName}) attended the training ${quoted(data.offeringTitle, 'en')}. ` +
            'Their end-of-training attestation and certificate of completion are attached; the ' +
            'certificate is what your OPCO asks for to fund the training.',
        ),
        facts([
          fact('Dates', formatParisPeriod(data.startsAt, data.endsAt, 'en')),
          fact(
            'Hours attended',
            `${hours(data.attendedMinutes, 'en')} of ${hours(data.scheduledMinutes, 'en')}`,
          ),
        ]),
        action('See the booking’s documents', data.bookingUrl),
        contactParagraph(context.chambreEmail, 'en'),
      ],
    }),
  };
