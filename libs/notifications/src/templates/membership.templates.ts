import { bankFacts, contactParagraph } from './common-blocks';
import { formatCalendarDate, formatEuros } from './format';
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

/**
 * Reminders of an unpaid renewal invoice (cotisation), then the final notice: the membership
 * lapses after the year's grace date, and with it the member price.
 */
export const membershipRenewalReminder: LocalisedTemplate<'membership-renewal-reminder'> = {
  fr: (data, context) => {
    const amount = formatEuros(data.amountDueCents, 'fr');
    const grace = data.graceEndDate ? formatCalendarDate(data.graceEndDate, 'fr') : null;
    return {
      subject: data.final
        ? `Dernier rappel : cotisation ${data.year}, facture ${data.invoiceNumber}`
        : `Rappel : votre cotisation ${data.year} (facture ${data.invoiceNumber})`,
      heading: data.final
        ? `Dernier rappel avant la fin de votre adhésion ${data.year}`
        : `Renouvellement de votre adhésion ${data.year}`,
      blocks: [
        paragraph(
          `Sauf erreur de notre part, la facture `,
          strong(data.invoiceNumber),
          ` de votre cotisation ${data.year}, émise le ${formatCalendarDate(data.issueDate, 'fr')}, n’est pas encore réglée. Le montant restant dû est de `,
          strong(amount),
          '.',
        ),
        grace
          ? paragraph(
              'Sans règlement au ',
              strong(grace),
              ', votre adhésion prendra fin et les tarifs non-adhérents s’appliqueront à vos réservations.',
            )
          : paragraph(
              'Votre adhésion est active dès le règlement : c’est elle qui vous donne accès aux tarifs adhérents.',
            ),
        facts([
          fact('Facture', data.invoiceNumber),
          fact('Montant restant dû', amount),
          ...bankFacts(data, 'fr'),
        ]),
        paragraph(
          'Si vous avez déjà effectué ce règlement, merci de ne pas tenir compte de ce message.',
        ),
        action('Voir et régler la facture', data.invoiceUrl),
        contactParagraph(context.chambreEmail, 'fr'),
      ],
    };
  },
  en: (data, context) => {
    const amount = formatEuros(data.amountDueCents, 'en');
    const grace = data.graceEndDate ? formatCalendarDate(data.graceEndDate, 'en') : null;
    return {
      subject: data.final
        ? `Final reminder: ${data.year} membership fee, invoice ${data.invoiceNumber}`
        : `Reminder: your ${data.year} membership fee (invoice ${data.invoiceNumber})`,
      heading: data.final
        ? `Final reminder before your ${data.year} membership ends`
        : `Renewing your ${data.year} membership`,
      blocks: [
        paragraph(
          'Unless we are mistaken, invoice ',
          strong(data.invoiceNumber),
          ` for your ${data.year} membership fee, issued on ${formatCalendarDate(data.issueDate, 'en')}, has not been paid yet. The amount outstanding is `,
          strong(amount),
          '.',
        ),
        grace
          ? paragraph(
              'Unless it is paid by ',
              strong(grace),
              ', your membership will end and non-member prices will apply to your bookings.',
            )
          : paragraph('Your membership is active once paid: it gives you member prices.'),
        facts([
          fact('Invoice', data.invoiceNumber),
          fact('Amount outstanding', amount),
          ...bankFacts(data, 'en'),
        ]),
        paragraph('If you have already paid, please disregard this message.'),
        action('View and pay the invoice', data.invoiceUrl),
        contactParagraph(context.chambreEmail, 'en'),
      ],
    };
  },
};

/** The grace date passed without payment: the membership of the year ended, with its prices. */
export const membershipLapsed: LocalisedTemplate<'membership-lapsed'> = {
  fr: (data, context) => ({
    subject: `Votre adhésion ${data.year} a pris fin`,
    heading: `Fin de votre adhésion ${data.year}`,
    blocks: [
      paragraph(
        `Votre cotisation ${data.year} n’ayant pas été réglée à la date prévue, votre adhésion ${data.year} a pris fin. `,
        'Les tarifs non-adhérents s’appliquent désormais à vos réservations de prestations ayant lieu en ',
        strong(String(data.year)),
        '.',
      ),
      paragraph(
        'Vous pouvez redevenir adhérent à tout moment en déposant une demande d’adhésion depuis votre espace.',
      ),
      action('Voir mon adhésion', data.membershipUrl),
      contactParagraph(context.chambreEmail, 'fr'),
    ],
  }),
  en: (data, context) => ({
    subject: `Your ${data.year} membership has ended`,
    heading: `Your ${data.year} membership has ended`,
    blocks: [
      paragraph(
        `As your ${data.year} membership fee was not paid by the date set, your ${data.year} membership has ended. `,
        'Non-member prices now apply to your bookings of services taking place in ',
        strong(String(data.year)),
        '.',
      ),
      paragraph('You may become a member again at any time by applying from your account.'),
      action('View my membership', data.membershipUrl),
      contactParagraph(context.chambreEmail, 'en'),
    ],
  }),
};
