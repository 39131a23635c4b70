import { contactParagraph, momentFacts, quoted } from './common-blocks';
import { formatEuros } from './format';
import { action, fact, facts, LocalisedTemplate, paragraph, strong } from './mail-content';
import type { ServiceMoment } from './template-data';

/** What the convention mails say (kept in the delivery log as planned). */
interface ConventionMailData extends ServiceMoment {
  organisationName: string;
  /** `convention` or, for a person paying themselves, `contrat` (de formation). */
  kind: 'convention' | 'contrat';
  reference: string;
  totalInclVatCents: number;
  traineeNames: string[];
  /** The SHA-256 of the version to sign, so the signer can match it on the page. */
  sha256: string;
  /** The booking's page, where its documents are listed and the convention signed. */
  bookingUrl: string;
  /** The signed convention is required before the session (the Chambre's setting). */
  required: boolean;
}

declare module './template-data' {
  interface TemplateData {
    'training-convention-issued': ConventionMailData;
    'training-convention-reminder': ConventionMailData;
  }
}

const NAME = {
  fr: { convention: 'convention de formation', contrat: 'contrat de formation' },
  en: { convention: 'training agreement', contrat: 'training contract' },
} as const;

/** To the organisation's admins: the convention is ready (PDF attached) and waits for them. */
export const trainingConventionIssued: LocalisedTemplate<'training-convention-issued'> = {
  fr: (data, context) => ({
    subject: `Votre ${NAME.fr[data.kind]} à signer : ${data.offeringTitle}`,
    heading: `${data.kind === 'contrat' ? 'Contrat' : 'Convention'} de formation à signer`,
    blocks: [
      paragraph(
        `${context.chambreName} vous adresse la ${NAME.fr[data.kind]} ${data.reference} de `,
        strong(data.organisationName),
        ` pour la formation ${quoted(data.offeringTitle, 'fr')} (document joint).`,
      ),
      facts([
        ...momentFacts(data, 'fr'),
        fact('Stagiaires', data.traineeNames.join(', ')),
        fact('Prix TTC', formatEuros(data.totalInclVatCents, 'fr')),
        fact('Empreinte SHA-256', data.sha256),
      ]),
      paragraph(
        'Un administrateur de l’organisation la signe en ligne depuis la page de la réservation',
        data.required
          ? ' ; la signature est requise avant le début de la formation.'
          : ', de préférence avant le début de la formation.',
      ),
      action('Lire et signer', data.bookingUrl),
      contactParagraph(context.chambreEmail, 'fr'),
    ],
  }),
  en: (data, context) => ({
    subject: `Your ${NAME.en[data.kind]} to sign: ${data.offeringTitle}`,
    heading: `Training ${data.kind === 'contrat' ? 'contract' : 'agreement'} to sign`,
    blocks: [
      paragraph(
        `${context.chambreName} sends you the ${NAME.en[data.kind]} ${data.reference} of `,
        strong(data.organisationName),
        ` for the training ${quoted(data.offeringTitle, 'en')} (attached).`,
      ),
      facts([
        ...momentFacts(data, 'en'),
        fact('Trainees', data.traineeNames.join(', ')),
        fact('Price incl. VAT', formatEuros(data.totalInclVatCents, 'en')),
        fact('SHA-256 fingerprint', data.sha256),
      ]),
      paragraph(
        'An administrator of the organisation signs it online from the booking’s page',
        data.required
          ? '; it must be signed before the training starts.'
          : ', preferably before the training starts.',
      ),
      action('Read and sign', data.bookingUrl),
      contactParagraph(context.chambreEmail, 'en'),
    ],
  }),
};

/** To the organisation's admins, every few days while the convention stays unsigned. */
export const trainingConventionReminder: LocalisedTemplate<'training-convention-reminder'> = {
  fr: (data, context) => ({
    subject: `Rappel : ${NAME.fr[data.kind]} à signer pour ${data.offeringTitle}`,
    heading: 'Convention en attente de signature',
    blocks: [
      paragraph(
        `La ${NAME.fr[data.kind]} ${data.reference} de `,
        strong(data.organisationName),
        ` pour la formation ${quoted(data.offeringTitle, 'fr')} n’est pas encore signée.`,
      ),
      facts(momentFacts(data, 'fr')),
      paragraph(
        data.required
          ? 'Sa signature est requise avant le début de la formation.'
          : 'Merci de la signer avant le début de la formation.',
      ),
      action('Lire et signer', data.bookingUrl),
      contactParagraph(context.chambreEmail, 'fr'),
    ],
  }),
  en: (data, context) => ({
    subject: `Reminder: ${NAME.en[data.kind]} to sign for ${data.offeringTitle}`,
    heading: 'Agreement awaiting signature',
    blocks: [
      paragraph(
        `The ${NAME.en[data.kind]} ${data.reference} of `,
        strong(data.organisationName),
        ` for the training ${quoted(data.offeringTitle, 'en')} is not signed yet.`,
      ),
      facts(momentFacts(data, 'en')),
      paragraph(
        data.required
          ? 'It must be signed before the training starts.'
          : 'Please sign it before the training starts.',
      ),
      action('Read and sign', data.bookingUrl),
      contactParagraph(context.chambreEmail, 'en'),
    ],
  }),
};
