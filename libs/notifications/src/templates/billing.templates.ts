import { bankFacts, contactParagraph, quoted } from './common-blocks';
import { formatCalendarDate, formatEuros } from './format';
import {
  action,
  Block,
  fact,
  facts,
  Inline,
  LocalisedTemplate,
  MailContent,
  paragraph,
  strong,
} from './mail-content';
import type { MailContext, MailLocale, TemplateData } from './template-data';

type InvoiceIssued = TemplateData['invoice-issued'];
type InvoiceOverdue = TemplateData['invoice-overdue'];
type ChorusNotice = TemplateData['invoice-chorus-notice'];

// Credit notes may carry a negative total; "a credit note of 120,00 €" reads right, "-120,00 €" not.
const magnitude = (cents: number): number => Math.abs(cents);

const TRANSFER_FR =
  'par virement bancaire sur le compte ci-dessous, en indiquant la référence de paiement dans le libellé du virement.';
const TRANSFER_EN =
  'by bank transfer to the account below, quoting the payment reference in the transfer details.';

/** The subject and wording of a cotisation's invoice: which year, and whether it renews. */
function cotisationFr(
  data: InvoiceIssued,
): { subject: string; heading: string; meaning: string } | null {
  if (!data.membership) return null;
  const { year, renewal } = data.membership;
  return renewal
    ? {
        subject: `Renouvellement de votre adhésion ${year} : facture ${data.invoiceNumber}`,
        heading: `Renouvellement de votre adhésion ${year}`,
        meaning: `Elle renouvelle votre adhésion pour ${year} : dès son règlement, votre adhésion est active et les tarifs adhérents s’appliquent à vos réservations de toute l’année ${year}.`,
      }
    : {
        subject: `Votre cotisation ${year} : facture ${data.invoiceNumber}`,
        heading: `Cotisation ${year}`,
        meaning: `Dès son règlement, votre adhésion est active et les tarifs adhérents s’appliquent à vos réservations de toute l’année ${year}.`,
      };
}

function invoiceIssuedFr(data: InvoiceIssued, context: MailContext): MailContent {
  const amount = `${formatEuros(magnitude(data.totalInclVatCents), 'fr')} TTC`;
  if (data.kind === 'credit_note') {
    return {
      subject: data.correctsNumber
        ? `Avoir ${data.invoiceNumber} sur la facture ${data.correctsNumber}`
        : `Avoir ${data.invoiceNumber}`,
      heading: `Avoir ${data.invoiceNumber}`,
      blocks: [
        paragraph(
          'Veuillez trouver ci-joint, au format PDF, l’avoir ',
          strong(data.invoiceNumber),
          ' d’un montant de ',
          strong(amount),
          data.correctsNumber ? `, qui porte sur la facture ${data.correctsNumber}.` : '.',
        ),
        paragraph(
          'Cet avoir vient en déduction des sommes facturées : aucun paiement n’est attendu de votre part à ce titre.',
        ),
        action('Voir l’avoir', data.invoiceUrl),
        contactParagraph(context.chambreEmail, 'fr'),
      ],
    };
  }
  const sent = paragraph(
    'Veuillez trouver ci-joint, au format PDF, la facture ',
    strong(data.invoiceNumber),
    ' d’un montant de ',
    strong(amount),
    data.membership ? `, celle de votre cotisation ${data.membership.year} à la Chambre.` : '.',
  );
  const cotisation = cotisationFr(data);
  if (cotisation && !data.settled) {
    const due = data.dueDate ? formatCalendarDate(data.dueDate, 'fr') : null;
    return {
      subject: cotisation.subject,
      heading: cotisation.heading,
      blocks: [
        sent,
        paragraph(cotisation.meaning),
        due
          ? paragraph(
              'Nous vous remercions de bien vouloir la régler au plus tard le ',
              strong(due),
              `, ${TRANSFER_FR} Le paiement par carte est aussi possible depuis la facture en ligne.`,
            )
          : paragraph(`Nous vous remercions de bien vouloir la régler à réception, ${TRANSFER_FR}`),
        facts([
          fact('Montant à régler', amount),
          fact('Échéance', due ?? 'à réception'),
          ...bankFacts(data, 'fr'),
        ]),
        action('Voir et régler la facture', data.invoiceUrl),
        contactParagraph(context.chambreEmail, 'fr'),
      ],
    };
  }
  if (data.settled) {
    return {
      subject: `Facture ${data.invoiceNumber} acquittée : ${amount}`,
      heading: `Facture ${data.invoiceNumber}`,
      blocks: [
        sent,
        paragraph(
          'Cette facture est déjà réglée : vous n’avez rien à faire. Elle vous est adressée pour votre comptabilité.',
        ),
        action('Voir la facture', data.invoiceUrl),
      ],
    };
  }
  const due = data.dueDate ? formatCalendarDate(data.dueDate, 'fr') : null;
  return {
    subject: `Facture ${data.invoiceNumber} : ${amount}`,
    heading: `Facture ${data.invoiceNumber}`,
    blocks: [
      sent,
      due
        ? paragraph(
            'Nous vous remercions de bien vouloir la régler au plus tard le ',
            strong(due),
            `, ${TRANSFER_FR}`,
          )
        : paragraph(`Nous vous remercions de bien vouloir la régler à réception, ${TRANSFER_FR}`),
      facts([
        fact('Montant à régler', amount),
        fact('Échéance', due ?? 'à réception'),
        ...bankFacts(data, 'fr'),
      ]),
      action('Voir la facture', data.invoiceUrl),
      contactParagraph(context.chambreEmail, 'fr'),
    ],
  };
}

function invoiceIssuedEn(data: InvoiceIssued, context: MailContext): MailContent {
  const amount = `${formatEuros(magnitude(data.totalInclVatCents), 'en')} incl. VAT`;
  if (data.kind === 'credit_note') {
    return {
      subject: data.correctsNumber
        ? `Credit note ${data.invoiceNumber} for invoice ${data.correctsNumber}`
        : `Credit note ${data.invoiceNumber}`,
      heading: `Credit note ${data.invoiceNumber}`,
      blocks: [
        paragraph(
          'Please find attached, as a PDF, credit note ',
          strong(data.invoiceNumber),
          ' for ',
          strong(amount),
          data.correctsNumber ? `, which relates to invoice ${data.correctsNumber}.` : '.',
        ),
        paragraph(
          'This credit note is deducted from the amounts invoiced: no payment is expected from you for it.',
        ),
        action('View the credit note', data.invoiceUrl),
        contactParagraph(context.chambreEmail, 'en'),
      ],
    };
  }
  const sent = paragraph(
    'Please find attached, as a PDF, invoice ',
    strong(data.invoiceNumber),
    ' for ',
    strong(amount),
    data.membership ? `, your ${data.membership.year} membership fee to the Chambre.` : '.',
  );
  if (data.membership && !data.settled) {
    const { year, renewal } = data.membership;
    const due = data.dueDate ? formatCalendarDate(data.dueDate, 'en') : null;
    return {
      subject: renewal
        ? `Renewing your ${year} membership: invoice ${data.invoiceNumber}`
        : `Your ${year} membership fee: invoice ${data.invoiceNumber}`,
      heading: renewal ? `Renewing your ${year} membership` : `Membership fee ${year}`,
      blocks: [
        sent,
        paragraph(
          renewal
            ? `It renews your membership for ${year}: once it is paid, your membership is active and member prices apply to your bookings throughout ${year}.`
            : `Once it is paid, your membership is active and member prices apply to your bookings throughout ${year}.`,
        ),
        due
          ? paragraph(
              'Please pay it by ',
              strong(due),
              `, ${TRANSFER_EN} You may also pay by card from the online invoice.`,
            )
          : paragraph(`Please pay it upon receipt, ${TRANSFER_EN}`),
        facts([
          fact('Amount due', amount),
          fact('Due date', due ?? 'upon receipt'),
          ...bankFacts(data, 'en'),
        ]),
        action('View and pay the invoice', data.invoiceUrl),
        contactParagraph(context.chambreEmail, 'en'),
      ],
    };
  }
  if (data.settled) {
    return {
      subject: `Invoice ${data.invoiceNumber} (paid): ${amount}`,
      heading: `Invoice ${data.invoiceNumber}`,
      blocks: [
        sent,
        paragraph(
          'This invoice has already been paid: there is nothing for you to do. It is sent to you for your records.',
        ),
        action('View the invoice', data.invoiceUrl),
      ],
    };
  }
  const due = data.dueDate ? formatCalendarDate(data.dueDate, 'en') : null;
  return {
    subject: `Invoice ${data.invoiceNumber}: ${amount}`,
    heading: `Invoice ${data.invoiceNumber}`,
    blocks: [
      sent,
      due
        ? paragraph('Please pay it by ', strong(due), `, ${TRANSFER_EN}`)
        : paragraph(`Please pay it upon receipt, ${TRANSFER_EN}`),
      facts([
        fact('Amount due', amount),
        fact('Due date', due ?? 'upon receipt'),
        ...bankFacts(data, 'en'),
      ]),
      action('View the invoice', data.invoiceUrl),
      contactParagraph(context.chambreEmail, 'en'),
    ],
  };
}

export const invoiceIssued: LocalisedTemplate<'invoice-issued'> = {
  fr: invoiceIssuedFr,
  en: invoiceIssuedEn,
};

function chorusReferences(data: ChorusNotice, locale: MailLocale): Block {
  const fr = locale === 'fr';
  return facts([
    fact(fr ? 'Structure Chorus Pro (SIRET)' : 'Chorus Pro structure (SIRET)', data.structureSiret),
    ...(data.serviceCode ? [fact(fr ? 'Code service' : 'Service code', data.serviceCode)] : []),
    ...(data.engagementNumber
      ? [fact(fr ? 'Numéro d’engagement' : 'Commitment number', data.engagementNumber)]
      : []),
  ]);
}

/** No PDF attached: on Chorus Pro the deposited Factur-X is the invoice, this is only a notice. */
export const invoiceChorusNotice: LocalisedTemplate<'invoice-chorus-notice'> = {
  fr: (data, context) => {
    const document = data.kind === 'credit_note' ? 'L’avoir' : 'La facture';
    const amount = `${formatEuros(magnitude(data.totalInclVatCents), 'fr')} TTC`;
    return {
      subject: `${data.kind === 'credit_note' ? 'Avoir' : 'Facture'} ${data.invoiceNumber} déposé${data.kind === 'credit_note' ? '' : 'e'} sur Chorus Pro`,
      heading: `${data.kind === 'credit_note' ? 'Avoir' : 'Facture'} ${data.invoiceNumber}`,
      blocks: [
        paragraph(
          `${document} `,
          strong(data.invoiceNumber),
          ' d’un montant de ',
          strong(amount),
          ' vous est transmis',
          data.kind === 'credit_note' ? '' : 'e',
          ' par Chorus Pro, comme le prévoit le code de la commande publique : c’est là que vous la recevez et la traitez. Ce message n’en est qu’un avis ; le document n’y est pas joint.',
        ),
        chorusReferences(data, 'fr'),
        data.dueDate && data.kind === 'invoice'
          ? paragraph(
              'Échéance de paiement : ',
              strong(formatCalendarDate(data.dueDate, 'fr')),
              '.',
            )
          : null,
        action('Suivre son traitement', data.invoiceUrl),
        contactParagraph(context.chambreEmail, 'fr'),
      ],
    };
  },
  en: (data, context) => {
    const document = data.kind === 'credit_note' ? 'Credit note' : 'Invoice';
    const amount = `${formatEuros(magnitude(data.totalInclVatCents), 'en')} incl. VAT`;
    return {
      subject: `${document} ${data.invoiceNumber} deposited on Chorus Pro`,
      heading: `${document} ${data.invoiceNumber}`,
      blocks: [
        paragraph(
          `${document} `,
          strong(data.invoiceNumber),
          ' for ',
          strong(amount),
          ' is sent to you through Chorus Pro, as French public procurement law requires: that is where you receive and process it. This message is only a notice; the document is not attached.',
        ),
        chorusReferences(data, 'en'),
        data.dueDate && data.kind === 'invoice'
          ? paragraph('Payment due by ', strong(formatCalendarDate(data.dueDate, 'en')), '.')
          : null,
        action('Follow its processing', data.invoiceUrl),
        contactParagraph(context.chambreEmail, 'en'),
      ],
    };
  },
};

export const paymentReceived: LocalisedTemplate<'payment-received'> = {
  fr: (data) => ({
    subject: `Paiement reçu : facture ${data.invoiceNumber}`,
    heading: 'Paiement reçu',
    blocks: [
      paragraph(
        'Nous avons bien reçu votre paiement de ',
        strong(formatEuros(data.amountCents, 'fr')),
        ` pour la facture ${data.invoiceNumber} et nous vous en remercions.`,
      ),
      data.remainingCents > 0
        ? paragraph(
            'Il reste ',
            strong(formatEuros(data.remainingCents, 'fr')),
            ' à régler sur cette facture. Les coordonnées bancaires et la référence de paiement à indiquer figurent sur la facture.',
          )
        : paragraph(
            'Cette facture est désormais entièrement réglée : vous n’avez plus rien à payer.',
          ),
      action('Voir la facture', data.invoiceUrl),
    ],
  }),
  en: (data) => ({
    subject: `Payment received: invoice ${data.invoiceNumber}`,
    heading: 'Payment received',
    blocks: [
      paragraph(
        'We have received your payment of ',
        strong(formatEuros(data.amountCents, 'en')),
        ` for invoice ${data.invoiceNumber}. Thank you.`,
      ),
      data.remainingCents > 0
        ? paragraph(
            'An amount of ',
            strong(formatEuros(data.remainingCents, 'en')),
            ' remains to be paid on this invoice. The bank details and the payment reference to quote are on the invoice.',
          )
        : paragraph('This invoice is now paid in full: there is nothing left to pay.'),
      action('View the invoice', data.invoiceUrl),
    ],
  }),
};

export const refundIssued: LocalisedTemplate<'refund-issued'> = {
  fr: (data, context) => ({
    subject: `Remboursement effectué : ${data.offeringTitle}`,
    heading: 'Remboursement effectué',
    blocks: [
      paragraph(
        'Nous avons procédé au remboursement de ',
        strong(formatEuros(data.amountCents, 'fr')),
        ` au titre de votre réservation pour ${quoted(data.offeringTitle, 'fr')}.`,
      ),
      paragraph(
        data.method === 'card'
          ? 'Le montant sera recrédité sur le moyen de paiement utilisé lors de la réservation. Selon votre banque, il apparaîtra sur votre relevé d’ici quelques jours.'
          : 'Le remboursement est effectué par virement bancaire sur le compte de votre organisation. Il apparaîtra sur votre relevé d’ici quelques jours ouvrés.',
      ),
      action('Voir la réservation', data.bookingUrl),
      contactParagraph(context.chambreEmail, 'fr'),
    ],
  }),
  en: (data, context) => ({
    subject: `Refund issued: ${data.offeringTitle}`,
    heading: 'Refund issued',
    blocks: [
      paragraph(
        'We have refunded ',
        strong(formatEuros(data.amountCents, 'en')),
        ` for your booking for ${quoted(data.offeringTitle, 'en')}.`,
      ),
      paragraph(
        data.method === 'card'
          ? 'The amount will be credited back to the payment method used for the booking. Depending on your bank, it will appear on your statement within a few days.'
          : 'The refund is made by bank transfer to your organisation’s account. It will appear on your statement within a few working days.',
      ),
      action('View the booking', data.bookingUrl),
      contactParagraph(context.chambreEmail, 'en'),
    ],
  }),
};

/** The stage-specific part of a dunning e-mail; the rest is the same at every stage. */
interface OverdueWording {
  subject: string;
  heading: string;
  opening: Inline[];
  request: Inline[];
  legal: string | null;
}

function overdueFr(data: InvoiceOverdue): OverdueWording {
  const due = formatCalendarDate(data.dueDate, 'fr');
  const amount = strong(formatEuros(data.amountDueCents, 'fr'));
  switch (data.stage) {
    case 7:
      return {
        subject: `Rappel : facture ${data.invoiceNumber} en attente de règlement`,
        heading: 'Facture en attente de règlement',
        opening: [
          `Sauf erreur ou omission de notre part, la facture ${data.invoiceNumber}, arrivée à échéance le ${due}, n’a pas encore été réglée. Le montant restant dû s’élève à `,
          amount,
          '.',
        ],
        request: [
          'Nous vous remercions de bien vouloir procéder à son règlement par virement bancaire, en indiquant la référence de paiement ci-dessous.',
        ],
        legal: null,
      };
    case 15:
      return {
        subject: `Deuxième relance : facture ${data.invoiceNumber} impayée`,
        heading: 'Deuxième relance : facture impayée',
        opening: [
          `Malgré notre précédent rappel, la facture ${data.invoiceNumber}, échue depuis le ${due}, reste impayée à ce jour. Le montant restant dû s’élève à `,
          amount,
          '.',
        ],
        request: [
          'Nous vous demandons de bien vouloir procéder à son règlement dans les plus brefs délais, par virement bancaire, en indiquant la référence de paiement ci-dessous. Nous vous rappelons que tout retard de paiement entraîne l’application des pénalités de retard prévues sur la facture.',
        ],
        legal: null,
      };
    case 30:
      return {
        subject: `Dernière relance avant mise en demeure : facture ${data.invoiceNumber}`,
        heading: 'Dernière relance avant mise en demeure',
        opening: [
          `Malgré nos relances, la facture ${data.invoiceNumber}, échue depuis le ${due}, demeure impayée. Le montant restant dû s’élève à `,
          amount,
          '.',
        ],
        request: [
          strong(
            'Sans règlement de votre part dans les meilleurs délais, nous serons contraints de vous adresser une mise en demeure de payer.',
          ),
          ' Merci d’effectuer le virement en indiquant la référence de paiement ci-dessous.',
        ],
        legal: `Conformément aux articles L441-10 et D441-5 du Code de commerce, tout retard de paiement entraîne de plein droit l’application de pénalités de retard (taux : ${data.latePaymentRate}) ainsi que d’une indemnité forfaitaire pour frais de recouvrement de 40 €.`,
      };
  }
}

function overdueEn(data: InvoiceOverdue): OverdueWording {
  const due = formatCalendarDate(data.dueDate, 'en');
  const amount = strong(formatEuros(data.amountDueCents, 'en'));
  switch (data.stage) {
    case 7:
      return {
        subject: `Reminder: invoice ${data.invoiceNumber} is awaiting payment`,
        heading: 'Invoice awaiting payment',
        opening: [
          `Unless we are mistaken, invoice ${data.invoiceNumber}, which was due on ${due}, has not been paid yet. The amount outstanding is `,
          amount,
          '.',
        ],
        request: [
          'We would be grateful if you could pay it by bank transfer, quoting the payment reference below.',
        ],
        legal: null,
      };
    case 15:
      return {
        subject: `Second reminder: invoice ${data.invoiceNumber} is unpaid`,
        heading: 'Second reminder: unpaid invoice',
        opening: [
          `Despite our previous reminder, invoice ${data.invoiceNumber}, due on ${due}, remains unpaid. The amount outstanding is `,
          amount,
          '.',
        ],
        request: [
          'Please pay it as soon as possible by bank transfer, quoting the payment reference below. Please note that late payment incurs the late-payment penalties stated on the invoice.',
        ],
        legal: null,
      };
    case 30:
      return {
        subject: `Final reminder before formal notice: invoice ${data.invoiceNumber}`,
        heading: 'Final reminder before formal notice',
        opening: [
          `Despite our reminders, invoice ${data.invoiceNumber}, due on ${due}, is still unpaid. The amount outstanding is `,
          amount,
          '.',
        ],
        request: [
          strong(
            'Unless we receive payment promptly, we will have to send you a formal notice to pay (mise en demeure).',
          ),
          ' Please make the transfer quoting the payment reference below.',
        ],
        legal: `Under articles L441-10 and D441-5 of the French Commercial Code, any late payment automatically incurs late-payment penalties (rate: ${data.latePaymentRate}) and a fixed compensation of €40 for recovery costs.`,
      };
  }
}

function overdueBlocks(
  data: InvoiceOverdue,
  context: MailContext,
  wording: OverdueWording,
  locale: MailLocale,
): (Block | null)[] {
  const fr = locale === 'fr';
  return [
    paragraph(...wording.opening),
    paragraph(...wording.request),
    facts([
      fact(fr ? 'Facture' : 'Invoice', data.invoiceNumber),
      fact(fr ? 'Échéance' : 'Due date', formatCalendarDate(data.dueDate, locale)),
      fact(
        fr ? 'Montant restant dû' : 'Amount outstanding',
        formatEuros(data.amountDueCents, locale),
      ),
      ...bankFacts(data, locale),
    ]),
    wording.legal ? paragraph(wording.legal) : null,
    paragraph(
      fr
        ? 'Si vous avez déjà effectué ce règlement, merci de ne pas tenir compte de ce message.'
        : 'If you have already paid, please disregard this message.',
    ),
    context.chambreEmail
      ? paragraph(
          fr
            ? `Pour toute question ou en cas de difficulté de paiement, vous pouvez nous écrire à ${context.chambreEmail}.`
            : `If you have any questions or difficulty paying, you can write to us at ${context.chambreEmail}.`,
        )
      : null,
    action(fr ? 'Voir la facture' : 'View the invoice', data.invoiceUrl),
  ];
}

export const invoiceOverdue: LocalisedTemplate<'invoice-overdue'> = {
  fr: (data, context) => {
    const wording = overdueFr(data);
    return {
      subject: wording.subject,
      heading: wording.heading,
      blocks: overdueBlocks(data, context, wording, 'fr'),
    };
  },
  en: (data, context) => {
    const wording = overdueEn(data);
    return {
      subject: wording.subject,
      heading: wording.heading,
      blocks: overdueBlocks(data, context, wording, 'en'),
    };
  },
};
