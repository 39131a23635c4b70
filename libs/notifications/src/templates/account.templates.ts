import { formatParisDateTime } from './format';
import { action, LocalisedTemplate, paragraph, strong } from './mail-content';

const ROLE = {
  // With the preposition, for the elision: « le rôle d’administrateur », « le rôle de membre ».
  fr: { org_admin: 'd’administrateur', org_member: 'de membre' },
  en: { org_admin: 'administrator', org_member: 'member' },
} as const;

export const accountInvitation: LocalisedTemplate<'account-invitation'> = {
  fr: (data) => ({
    subject: `Invitation à rejoindre ${data.organisationName}`,
    heading: `Invitation à rejoindre ${data.organisationName}`,
    blocks: [
      paragraph(
        data.inviterName
          ? `${data.inviterName} vous invite à rejoindre l’organisation `
          : 'Une invitation vous est adressée pour rejoindre l’organisation ',
        strong(data.organisationName),
        ` sur la plateforme de services aux adhérents, avec le rôle ${ROLE.fr[data.role]}.`,
      ),
      paragraph(
        'Pour accepter cette invitation, utilisez le bouton ci-dessous. Le lien est valable jusqu’au ',
        strong(formatParisDateTime(data.expiresAt, 'fr')),
        '.',
      ),
      action('Accepter l’invitation', data.acceptUrl),
      paragraph(
        'Si vous ne vous attendiez pas à cette invitation, vous pouvez ignorer ce message : sans action de votre part, elle expirera d’elle-même.',
      ),
    ],
  }),
  en: (data, context) => ({
    subject: `Invitation to join ${data.organisationName}`,
    heading: `Invitation to join ${data.organisationName}`,
    blocks: [
      paragraph(
        data.inviterName
          ? `${data.inviterName} has invited you to join `
          : 'You have been invited to join ',
        strong(data.organisationName),
        ` on the ${context.chambreName} services platform, as ${data.role === 'org_admin' ? 'an' : 'a'} ${ROLE.en[data.role]}.`,
      ),
      paragraph(
        'To accept the invitation, use the button below. The link is valid until ',
        strong(formatParisDateTime(data.expiresAt, 'en')),
        '.',
      ),
      action('Accept the invitation', data.acceptUrl),
      paragraph(
        'If you were not expecting this invitation, you can ignore this message: without any action on your part, it will simply expire.',
      ),
    ],
  }),
};
