import { contactParagraph } from './common-blocks';
import { formatEuros } from './format';
import { action, fact, facts, LocalisedTemplate, paragraph, quote, strong } from './mail-content';

/** To the Chambre's admins: an organisation applied; the queue is where they decide. */
export const membershipApplicationSubmitted: LocalisedTemplate<'membership-application-submitted'> =
  {
    fr: (data) => ({
      subject: `Demande d’adhésion ${data.year} : ${data.organisationName}`,
      heading: data.kind === 'join' ? 'Nouvelle demande d’adhésion' : 'Demande de renouvellement',
      blocks: [
        paragraph(
          strong(data.organisationName),
          data.kind === 'join'
            ? ` demande à adhérer pour l’année ${data.year}.`
            : ` demande à renouveler son adhésion pour l’année ${data.year}.`,
        ),
        facts([
          fact('Famille', data.familyLabel),
          fact('Contact', `${data.contactName} (${data.contactEmail})`),
          fact('Charte acceptée', `version ${data.charterVersion}`),
        ]),
        action('Examiner la demande', data.applicationsUrl),
      ],
    }),
    en: (data) => ({
      subject: `Membership application ${data.year}: ${data.organisationName}`,
      heading: data.kind === 'join' ? 'New membership application' : 'Membership renewal request',
      blocks: [
        paragraph(
          strong(data.organisationName),
          data.kind === 'join'
            ? ` applies to join for ${data.year}.`
            : ` applies to renew its membership for ${data.year}.`,
        ),
        facts([
          fact('Family', data.familyLabel),
          fact('Contact', `${data.contactName} (${data.contactEmail})`),
          fact('Charter accepted', `version ${data.charterVersion}`),
        ]),
        action('Review the application', data.applicationsUrl),
      ],
    }),
  };

/** To the organisation's contact: approved, the invoice follows in its own mail. */
export const membershipApplicationApproved: LocalisedTemplate<'membership-application-approved'> = {
  fr: (data, context) => ({
    subject: `Votre adhésion ${data.year} est acceptée`,
    heading: 'Bienvenue parmi les membres',
    blocks: [
      paragraph(
        `${context.chambreName} a accepté la demande d’adhésion de `,
        strong(data.organisationName),
        ` pour l’année ${data.year}.`,
      ),
      paragraph(
        'Votre cotisation s’élève à ',
        strong(formatEuros(data.feeCents, 'fr')),
        data.active
          ? '. Votre adhésion est active dès à présent : le tarif adhérent s’applique à vos réservations.'
          : '. La facture vous parvient par un message séparé ; votre adhésion devient active, et le tarif adhérent s’applique à vos réservations, dès son paiement.',
      ),
      action('Voir mon adhésion', data.membershipUrl),
      contactParagraph(context.chambreEmail, 'fr'),
    ],
  }),
  en: (data, context) => ({
    subject: `Your ${data.year} membership is approved`,
    heading: 'Welcome aboard',
    blocks: [
      paragraph(
        `${context.chambreName} has approved the membership application of `,
        strong(data.organisationName),
        ` for ${data.year}.`,
      ),
      paragraph(
        'Your membership fee is ',
        strong(formatEuros(data.feeCents, 'en')),
        data.active
          ? '. Your membership is active now: member prices apply to your bookings.'
          : '. The invoice follows in a separate message; your membership becomes active, and member prices apply to your bookings, once it is paid.',
      ),
      action('View my membership', data.membershipUrl),
      contactParagraph(context.chambreEmail, 'en'),
    ],
  }),
};

/** To the organisation's contact: refused, with the reason given. */
export const membershipApplicationRefused: LocalisedTemplate<'membership-application-refused'> = {
  fr: (data, context) => ({
    subject: `Votre demande d’adhésion ${data.year}`,
    heading: 'Votre demande d’adhésion n’a pas été retenue',
    blocks: [
      paragraph(
        `${context.chambreName} n’a pas retenu la demande d’adhésion de `,
        strong(data.organisationName),
        ` pour l’année ${data.year}. Voici le motif indiqué :`,
      ),
      quote(data.reason),
      action('Voir mon adhésion', data.membershipUrl),
      contactParagraph(context.chambreEmail, 'fr'),
    ],
  }),
  en: (data, context) => ({
    subject: `Your ${data.year} membership application`,
    heading: 'Your membership application was not accepted',
    blocks: [
      paragraph(
        `${context.chambreName} did not accept the membership application of `,
        strong(data.organisationName),
        ` for ${data.year}. The reason given is:`,
      ),
      quote(data.reason),
      action('View my membership', data.membershipUrl),
      contactParagraph(context.chambreEmail, 'en'),
    ],
  }),
};
