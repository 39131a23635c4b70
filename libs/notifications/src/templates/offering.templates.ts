import { contactParagraph, quoted } from './common-blocks';
import { action, LocalisedTemplate, paragraph, quote } from './mail-content';

export const offeringApproved: LocalisedTemplate<'offering-approved'> = {
  fr: (data, context) => ({
    subject: `Offre publiée : ${data.offeringTitle}`,
    heading: 'Votre offre est publiée',
    blocks: [
      paragraph(
        `Votre offre ${quoted(data.offeringTitle, 'fr')} a été validée par ${context.chambreName}. Elle est désormais publiée dans le catalogue, où les organisations adhérentes peuvent la consulter.`,
      ),
      paragraph(
        'Si ce n’est pas encore fait, pensez à programmer vos sessions ou à ouvrir vos créneaux de consultation pour que les organisations puissent réserver.',
      ),
      action('Voir l’offre', data.offeringUrl),
    ],
  }),
  en: (data, context) => ({
    subject: `Offering published: ${data.offeringTitle}`,
    heading: 'Your offering is published',
    blocks: [
      paragraph(
        `Your offering ${quoted(data.offeringTitle, 'en')} has been approved by the ${context.chambreName} team. It is now published in the catalogue, where member organisations can find it.`,
      ),
      paragraph(
        'If you have not done so yet, remember to schedule your sessions or open your consultation slots so that organisations can book.',
      ),
      action('View the offering', data.offeringUrl),
    ],
  }),
};

export const offeringRejected: LocalisedTemplate<'offering-rejected'> = {
  fr: (data, context) => ({
    subject: `Offre non validée : ${data.offeringTitle}`,
    heading: 'Votre offre n’a pas été validée',
    blocks: [
      paragraph(
        `Votre offre ${quoted(data.offeringTitle, 'fr')} n’a pas pu être validée en l’état lors de sa relecture par ${context.chambreName}. Voici le motif indiqué :`,
      ),
      quote(data.reason),
      paragraph(
        'Vous pouvez modifier votre offre pour tenir compte de ces remarques, puis la soumettre à nouveau à la validation.',
      ),
      action('Modifier l’offre', data.offeringUrl),
      contactParagraph(context.chambreEmail, 'fr'),
    ],
  }),
  en: (data, context) => ({
    subject: `Offering not approved: ${data.offeringTitle}`,
    heading: 'Your offering was not approved',
    blocks: [
      paragraph(
        `Your offering ${quoted(data.offeringTitle, 'en')} could not be approved as it stands by the ${context.chambreName} moderation team. The reason given is:`,
      ),
      quote(data.reason),
      paragraph(
        'You can edit your offering to address these comments, then submit it for review again.',
      ),
      action('Edit the offering', data.offeringUrl),
      contactParagraph(context.chambreEmail, 'en'),
    ],
  }),
};
