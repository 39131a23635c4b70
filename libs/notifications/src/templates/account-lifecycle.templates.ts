import { formatParisDateTime } from './format';
import { action, LocalisedTemplate, paragraph, strong } from './mail-content';

/*
 * The account's own mail: verification and reset links, and the notices that protect an
 * account (a sign-up attempt with its address, a change of address asked for). The links'
 * secrets are minted when the message is sent, never stored with it.
 */

export const accountEmailVerification: LocalisedTemplate<'account-email-verification'> = {
  fr: (data, context) => ({
    subject: data.change
      ? 'Confirmez votre nouvelle adresse e-mail'
      : 'Confirmez votre adresse e-mail',
    heading: data.change
      ? 'Confirmez votre nouvelle adresse e-mail'
      : 'Confirmez votre adresse e-mail',
    blocks: [
      paragraph(
        data.change
          ? `Vous avez demandé que cette adresse devienne celle de votre compte sur la plateforme de services de ${context.chambreName}. Le changement n’aura lieu qu’une fois cette adresse confirmée.`
          : `Bienvenue sur la plateforme de services de ${context.chambreName}. Pour réserver des prestations, créer votre organisation ou en rejoindre une, confirmez d’abord votre adresse e-mail.`,
      ),
      action(
        data.change ? 'Confirmer la nouvelle adresse' : 'Confirmer mon adresse',
        data.actionUrl,
      ),
      paragraph(
        'Ce lien ne fonctionne qu’une fois et reste valable jusqu’au ',
        strong(formatParisDateTime(data.expiresAt, 'fr')),
        '.',
      ),
      paragraph(
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien ne sera modifié.',
      ),
    ],
  }),
  en: (data, context) => ({
    subject: data.change ? 'Confirm your new e-mail address' : 'Confirm your e-mail address',
    heading: data.change ? 'Confirm your new e-mail address' : 'Confirm your e-mail address',
    blocks: [
      paragraph(
        data.change
          ? `You asked for this address to become the address of your account on the ${context.chambreName} services platform. The change takes effect only once this address is confirmed.`
          : `Welcome to the ${context.chambreName} services platform. To book services, create your organisation or join one, please confirm your e-mail address first.`,
      ),
      action(data.change ? 'Confirm the new address' : 'Confirm my address', data.actionUrl),
      paragraph(
        'This link works once and is valid until ',
        strong(formatParisDateTime(data.expiresAt, 'en')),
        '.',
      ),
      paragraph('If you did not ask for this, ignore this message: nothing will change.'),
    ],
  }),
};

export const accountPasswordReset: LocalisedTemplate<'account-password-reset'> = {
  fr: (data) => ({
    subject: 'Réinitialisation de votre mot de passe',
    heading: 'Réinitialisation de votre mot de passe',
    blocks: [
      paragraph(
        'Quelqu’un (vous, sans doute) a demandé à réinitialiser le mot de passe de votre compte. Pour en choisir un nouveau, utilisez le bouton ci-dessous.',
      ),
      action('Choisir un nouveau mot de passe', data.actionUrl),
      paragraph(
        'Ce lien ne fonctionne qu’une fois et reste valable jusqu’au ',
        strong(formatParisDateTime(data.expiresAt, 'fr')),
        '. Une fois le mot de passe changé, toutes vos sessions ouvertes seront fermées.',
      ),
      paragraph(
        'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable.',
      ),
    ],
  }),
  en: (data) => ({
    subject: 'Resetting your password',
    heading: 'Resetting your password',
    blocks: [
      paragraph(
        'Someone (most likely you) asked to reset the password of your account. To choose a new one, use the button below.',
      ),
      action('Choose a new password', data.actionUrl),
      paragraph(
        'This link works once and is valid until ',
        strong(formatParisDateTime(data.expiresAt, 'en')),
        '. Once the password is changed, every open session will be signed out.',
      ),
      paragraph('If you did not ask for this, ignore this message: your password stays as it is.'),
    ],
  }),
};

export const accountRegistrationAttempt: LocalisedTemplate<'account-registration-attempt'> = {
  fr: (data, context) => ({
    subject: 'Tentative d’inscription avec votre adresse',
    heading: 'Vous avez déjà un compte',
    blocks: [
      paragraph(
        `Quelqu’un a essayé de créer un compte sur la plateforme de services de ${context.chambreName} avec votre adresse e-mail. Un compte existe déjà pour cette adresse : aucun nouveau compte n’a été créé.`,
      ),
      paragraph(
        'Si c’était vous, connectez-vous, ou réinitialisez votre mot de passe si vous l’avez oublié.',
      ),
      action('Me connecter', data.signInUrl),
      action('Réinitialiser mon mot de passe', data.resetUrl),
      paragraph('Si ce n’était pas vous, ignorez ce message : votre compte n’a pas été modifié.'),
    ],
  }),
  en: (data, context) => ({
    subject: 'Sign-up attempt with your address',
    heading: 'You already have an account',
    blocks: [
      paragraph(
        `Someone tried to create an account on the ${context.chambreName} services platform with your e-mail address. An account already exists for it: no new account was created.`,
      ),
      paragraph('If it was you, sign in, or reset your password if you forgot it.'),
      action('Sign in', data.signInUrl),
      action('Reset my password', data.resetUrl),
      paragraph('If it was not you, ignore this message: your account has not changed.'),
    ],
  }),
};

export const accountEmailChangeNotice: LocalisedTemplate<'account-email-change-notice'> = {
  fr: (data) => ({
    subject: 'Changement d’adresse e-mail demandé',
    heading: 'Changement d’adresse e-mail demandé',
    blocks: [
      paragraph(
        'Une demande a été faite pour que l’adresse e-mail de votre compte devienne ',
        strong(data.newEmail),
        '. Le changement n’aura lieu qu’une fois cette nouvelle adresse confirmée par le lien qui lui a été envoyé ; d’ici là, votre compte reste à cette adresse-ci.',
      ),
      paragraph(
        'Si vous n’êtes pas à l’origine de cette demande, changez votre mot de passe sans attendre et fermez les sessions que vous ne reconnaissez pas.',
      ),
      action('Sécurité de mon compte', data.securityUrl),
    ],
  }),
  en: (data) => ({
    subject: 'E-mail address change requested',
    heading: 'E-mail address change requested',
    blocks: [
      paragraph(
        'A request was made for your account’s e-mail address to become ',
        strong(data.newEmail),
        '. The change takes effect only once that new address is confirmed through the link sent to it; until then your account stays at this address.',
      ),
      paragraph(
        'If you did not ask for this, change your password at once and sign out the sessions you do not recognise.',
      ),
      action('My account’s security', data.securityUrl),
    ],
  }),
};
