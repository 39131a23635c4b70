import { bankFacts, contactParagraph } from './common-blocks';
import { formatCalendarDate, formatEuros } from './format';
import { action, fact, facts, LocalisedTemplate, paragraph, strong } from './mail-content';

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
