import { contactParagraph, quoted } from './common-blocks';
import { action, LocalisedTemplate, paragraph, quote } from './mail-content';

export const offeringApproved: LocalisedTemplate<'offering-approved'> = {
  fr: (data, context) =>
    data.changes
      ? {
          subject: `Modifications publiées : ${data.offeringTitle}`,
          heading: 'Vos modifications sont publiées',
          blocks: [
            paragraph(
              `Les modifications de votre offre ${quoted(data.offeringTitle, 'fr')} ont été validées par ${context.chambreName}. Elles sont désormais en ligne dans le catalogue et s’appliquent aux nouvelles réservations ; les réservations déjà faites gardent leur prix.`,
            ),
            action('Voir l’offre', data.offeringUrl),
          ],
        }
      : offeringApprovedFr(data, context),
  en: (data, context) =>
    data.changes
      ? {
          subject: `Changes published: ${data.offeringTitle}`,
          heading: 'Your changes are published',
          blocks: [
            paragraph(
              `The changes to your offering ${quoted(data.offeringTitle, 'en')} have been approved by the ${context.chambreName} team. They are now live in the catalogue and apply to new bookings; existing bookings keep their price.`,
            ),
            action('View the offering', data.offeringUrl),
          ],
        }
      : offeringApprovedEn(data, context),
};

const offeringApprovedFr: LocalisedTemplate<'offering-approved'>['fr'] = (data, context) => ({
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
});

const offeringApprovedEn: LocalisedTemplate<'offering-approved'>['en'] = (data, context) => ({
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
});

export const offeringRejected: LocalisedTemplate<'offering-rejected'> = {
  fr: (data, context) =>
    data.changes
      ? {
          subject: `Modifications non validées : ${data.offeringTitle}`,
          heading: 'Vos modifications n’ont pas été validées',
          blocks: [
            paragraph(
              `Les modifications proposées pour votre offre ${quoted(data.offeringTitle, 'fr')} n’ont pas été validées par ${context.chambreName}. La version publiée reste en ligne, inchangée. Voici le motif indiqué :`,
            ),
            quote(data.reason),
            paragraph('Vous pouvez proposer de nouvelles modifications qui en tiennent compte.'),
            action('Voir l’offre', data.offeringUrl),
            contactParagraph(context.chambreEmail, 'fr'),
          ],
        }
      : offeringRejectedFr(data, context),
  en: (data, context) =>
    data.changes
      ? {
          subject: `Changes not approved: ${data.offeringTitle}`,
          heading: 'Your changes were not approved',
          blocks: [
            paragraph(
              `The changes proposed to your offering ${quoted(data.offeringTitle, 'en')} were not approved by the ${context.chambreName} moderation team. The published version stays live, unchanged. The reason given is:`,
            ),
            quote(data.reason),
            paragraph('You can propose new changes that address these comments.'),
            action('View the offering', data.offeringUrl),
            contactParagraph(context.chambreEmail, 'en'),
          ],
        }
      : offeringRejectedEn(data, context),
};

const offeringRejectedFr: LocalisedTemplate<'offering-rejected'>['fr'] = (data, context) => ({
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
});

const offeringRejectedEn: LocalisedTemplate<'offering-rejected'>['en'] = (data, context) => ({
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
});
