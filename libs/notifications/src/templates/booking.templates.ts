import { contactParagraph, isRemoteOnly, momentFacts, quoted } from './common-blocks';
import {
  formatEuros,
  formatParisDateTime,
  formatParisShortDate,
  formatParisShortDateTime,
  formatPercent,
} from './format';
import {
  action,
  Block,
  fact,
  facts,
  list,
  LocalisedTemplate,
  paragraph,
  quote,
  strong,
} from './mail-content';
import type { MailLocale } from './template-data';

function attendeeBlocks(names: readonly string[], locale: MailLocale): Block[] {
  if (names.length === 0) return [];
  return [
    list(
      names.map((name) => [name]),
      locale === 'fr' ? 'Participants inscrits :' : 'Registered attendees:',
    ),
  ];
}

export const bookingPendingPayment: LocalisedTemplate<'booking-pending-payment'> = {
  fr: (data) => ({
    subject: `Réservation en attente de paiement : ${data.offeringTitle} — ${formatParisShortDate(data.startsAt, 'fr')}`,
    heading: 'Votre réservation attend son règlement',
    blocks: [
      paragraph(
        `Votre réservation pour ${quoted(data.offeringTitle, 'fr')} est bien enregistrée. Pour la confirmer, il reste à en régler le montant.`,
      ),
      facts([
        ...momentFacts(data, 'fr'),
        fact('Places réservées', String(data.seats)),
        fact('Montant TTC', formatEuros(data.totalInclVatCents, 'fr')),
      ]),
      paragraph(
        strong(
          `Vos places sont retenues jusqu’au ${formatParisDateTime(data.holdExpiresAt, 'fr')}.`,
        ),
        ' Merci d’effectuer le paiement avant cette échéance : passé ce délai, elles seront libérées et proposées à d’autres organisations.',
      ),
      action('Payer la réservation', data.bookingUrl),
    ],
  }),
  en: (data) => ({
    subject: `Booking awaiting payment: ${data.offeringTitle} — ${formatParisShortDate(data.startsAt, 'en')}`,
    heading: 'Your booking is awaiting payment',
    blocks: [
      paragraph(
        `Your booking for ${quoted(data.offeringTitle, 'en')} has been recorded. To confirm it, please pay the amount below.`,
      ),
      facts([
        ...momentFacts(data, 'en'),
        fact('Seats booked', String(data.seats)),
        fact('Total incl. VAT', formatEuros(data.totalInclVatCents, 'en')),
      ]),
      paragraph(
        strong(`Your seats are held until ${formatParisDateTime(data.holdExpiresAt, 'en')}.`),
        ' Please pay before then: after that time, they will be released to other organisations.',
      ),
      action('Pay for the booking', data.bookingUrl),
    ],
  }),
};

export const bookingConfirmed: LocalisedTemplate<'booking-confirmed'> = {
  fr: (data) => ({
    subject: `Réservation confirmée : ${data.offeringTitle} — ${formatParisShortDate(data.startsAt, 'fr')}`,
    heading: 'Votre réservation est confirmée',
    blocks: [
      paragraph(
        `Nous avons le plaisir de vous confirmer votre réservation pour ${quoted(data.offeringTitle, 'fr')}.`,
      ),
      facts([...momentFacts(data, 'fr'), fact('Places réservées', String(data.seats))]),
      ...attendeeBlocks(data.attendeeNames, 'fr'),
      paragraph(
        'Vous trouverez en pièce jointe une invitation de calendrier (fichier .ics) pour ajouter la session à votre agenda.',
      ),
      action('Voir la réservation', data.bookingUrl),
    ],
  }),
  en: (data) => ({
    subject: `Booking confirmed: ${data.offeringTitle} — ${formatParisShortDate(data.startsAt, 'en')}`,
    heading: 'Your booking is confirmed',
    blocks: [
      paragraph(`We are pleased to confirm your booking for ${quoted(data.offeringTitle, 'en')}.`),
      facts([...momentFacts(data, 'en'), fact('Seats booked', String(data.seats))]),
      ...attendeeBlocks(data.attendeeNames, 'en'),
      paragraph(
        'A calendar invitation (.ics file) is attached so that you can add the session to your calendar.',
      ),
      action('View the booking', data.bookingUrl),
    ],
  }),
};

export const waitlistOffer: LocalisedTemplate<'waitlist-offer'> = {
  fr: (data) => ({
    subject: `Places disponibles : ${data.offeringTitle} — ${formatParisShortDate(data.startsAt, 'fr')}`,
    heading: 'Des places se sont libérées',
    blocks: [
      paragraph(
        `Votre organisation figure sur la liste d’attente de ${quoted(data.offeringTitle, 'fr')} : des places viennent de se libérer et nous vous les proposons en priorité.`,
      ),
      facts([
        ...momentFacts(data, 'fr'),
        fact('Places proposées', String(data.seats)),
        fact('Montant TTC', formatEuros(data.totalInclVatCents, 'fr')),
      ]),
      paragraph(
        strong(
          `Cette proposition est valable jusqu’au ${formatParisDateTime(data.offerExpiresAt, 'fr')}.`,
        ),
        ' Sans réponse de votre part d’ici là, les places seront proposées à l’organisation suivante sur la liste d’attente.',
      ),
      action('Accepter les places', data.bookingUrl),
    ],
  }),
  en: (data) => ({
    subject: `Seats available: ${data.offeringTitle} — ${formatParisShortDate(data.startsAt, 'en')}`,
    heading: 'Seats have become available',
    blocks: [
      paragraph(
        `Your organisation is on the waiting list for ${quoted(data.offeringTitle, 'en')}: seats have just become available and we are offering them to you first.`,
      ),
      facts([
        ...momentFacts(data, 'en'),
        fact('Seats offered', String(data.seats)),
        fact('Total incl. VAT', formatEuros(data.totalInclVatCents, 'en')),
      ]),
      paragraph(
        strong(`This offer is valid until ${formatParisDateTime(data.offerExpiresAt, 'en')}.`),
        ' Without a reply from you by then, the seats will be offered to the next organisation on the waiting list.',
      ),
      action('Accept the seats', data.bookingUrl),
    ],
  }),
};

export const bookingCancelled: LocalisedTemplate<'booking-cancelled'> = {
  fr: (data, context) => ({
    subject: `Réservation annulée : ${data.offeringTitle} — ${formatParisShortDate(data.startsAt, 'fr')}`,
    heading: 'Votre réservation est annulée',
    blocks: [
      paragraph(
        `Votre réservation pour ${quoted(data.offeringTitle, 'fr')}, prévue le ${formatParisDateTime(data.startsAt, 'fr')}, a été annulée.`,
      ),
      !data.wasConfirmed
        ? paragraph('Aucun montant ne vous a été facturé pour cette réservation.')
        : data.refundCents > 0
          ? paragraph(
              'Conformément aux conditions d’annulation, un remboursement de ',
              strong(formatEuros(data.refundCents, 'fr')),
              ` (${formatPercent(data.refundPercent, 'fr')} du montant de la réservation) sera effectué. Vous recevrez un message dès qu’il aura été émis.`,
            )
          : paragraph(
              'Compte tenu de la date d’annulation, les conditions d’annulation de cette prestation ne prévoient pas de remboursement.',
            ),
      action('Voir la réservation', data.bookingUrl),
      contactParagraph(context.chambreEmail, 'fr'),
    ],
  }),
  en: (data, context) => ({
    subject: `Booking cancelled: ${data.offeringTitle} — ${formatParisShortDate(data.startsAt, 'en')}`,
    heading: 'Your booking is cancelled',
    blocks: [
      paragraph(
        `Your booking for ${quoted(data.offeringTitle, 'en')}, scheduled for ${formatParisDateTime(data.startsAt, 'en')}, has been cancelled.`,
      ),
      !data.wasConfirmed
        ? paragraph('Nothing has been charged for this booking.')
        : data.refundCents > 0
          ? paragraph(
              'In line with the cancellation policy, a refund of ',
              strong(formatEuros(data.refundCents, 'en')),
              ` (${formatPercent(data.refundPercent, 'en')} of the booking amount) will be made. We will let you know as soon as it has been issued.`,
            )
          : paragraph(
              'Given the date of cancellation, the cancellation policy of this service does not provide for a refund.',
            ),
      action('View the booking', data.bookingUrl),
      contactParagraph(context.chambreEmail, 'en'),
    ],
  }),
};

export const sessionCancelled: LocalisedTemplate<'session-cancelled'> = {
  fr: (data, context) => ({
    subject: `Session annulée : ${data.offeringTitle} — ${formatParisShortDate(data.startsAt, 'fr')}`,
    heading: 'Session annulée',
    blocks: [
      paragraph(
        `Nous sommes au regret de vous informer que la session ${quoted(data.offeringTitle, 'fr')}, prévue le ${formatParisDateTime(data.startsAt, 'fr')}, a dû être annulée${data.reason?.trim() ? '. Voici le motif indiqué :' : '.'}`,
      ),
      data.reason?.trim() ? quote(data.reason.trim()) : null,
      paragraph('Nous vous prions de bien vouloir nous excuser pour la gêne occasionnée.'),
      data.wasConfirmed && data.refundCents > 0
        ? paragraph(
            'Votre réservation vous sera intégralement remboursée, soit ',
            strong(formatEuros(data.refundCents, 'fr')),
            '. Vous recevrez un message dès que le remboursement aura été émis.',
          )
        : paragraph('Aucun montant ne vous sera facturé pour cette réservation.'),
      paragraph('D’autres dates vous sont peut-être proposées dans le catalogue.'),
      action('Voir la réservation', data.bookingUrl),
      contactParagraph(context.chambreEmail, 'fr'),
    ],
  }),
  en: (data, context) => ({
    subject: `Session cancelled: ${data.offeringTitle} — ${formatParisShortDate(data.startsAt, 'en')}`,
    heading: 'Session cancelled',
    blocks: [
      paragraph(
        `We regret to inform you that the session ${quoted(data.offeringTitle, 'en')}, scheduled for ${formatParisDateTime(data.startsAt, 'en')}, has had to be cancelled${data.reason?.trim() ? '. The reason given is:' : '.'}`,
      ),
      data.reason?.trim() ? quote(data.reason.trim()) : null,
      paragraph('We apologise for the inconvenience.'),
      data.wasConfirmed && data.refundCents > 0
        ? paragraph(
            'Your booking will be refunded in full: ',
            strong(formatEuros(data.refundCents, 'en')),
            '. We will let you know as soon as the refund has been issued.',
          )
        : paragraph('Nothing will be charged for this booking.'),
      paragraph('Other dates may be available in the catalogue.'),
      action('View the booking', data.bookingUrl),
      contactParagraph(context.chambreEmail, 'en'),
    ],
  }),
};

export const sessionReminder: LocalisedTemplate<'session-reminder'> = {
  fr: (data) => ({
    subject: `Rappel : ${data.offeringTitle} — ${formatParisShortDateTime(data.startsAt, 'fr')}`,
    heading: 'Votre session a lieu dans deux jours',
    blocks: [
      paragraph(
        `Nous vous rappelons que la session ${quoted(data.offeringTitle, 'fr')} a lieu dans deux jours, le ${formatParisDateTime(data.startsAt, 'fr')}.`,
      ),
      facts([...momentFacts(data, 'fr'), fact('Places réservées', String(data.seats))]),
      ...attendeeBlocks(data.attendeeNames, 'fr'),
      paragraph(
        isRemoteOnly(data)
          ? 'Nous vous conseillons de vous connecter quelques minutes avant le début, avec le lien indiqué ci-dessus.'
          : 'Nous vous conseillons de prévoir d’arriver quelques minutes avant le début.',
      ),
      paragraph(
        'En cas d’empêchement, pensez à annuler votre réservation depuis votre espace : les places libérées pourront profiter à d’autres organisations.',
      ),
      action('Voir la réservation', data.bookingUrl),
    ],
  }),
  en: (data) => ({
    subject: `Reminder: ${data.offeringTitle} — ${formatParisShortDateTime(data.startsAt, 'en')}`,
    heading: 'Your session is in two days',
    blocks: [
      paragraph(
        `This is a reminder that the session ${quoted(data.offeringTitle, 'en')} takes place in two days, on ${formatParisDateTime(data.startsAt, 'en')}.`,
      ),
      facts([...momentFacts(data, 'en'), fact('Seats booked', String(data.seats))]),
      ...attendeeBlocks(data.attendeeNames, 'en'),
      paragraph(
        isRemoteOnly(data)
          ? 'We recommend joining a few minutes before the start, using the link above.'
          : 'We recommend arriving a few minutes before the start.',
      ),
      paragraph(
        'If you can no longer attend, please cancel your booking from your account so that the seats can go to other organisations.',
      ),
      action('View the booking', data.bookingUrl),
    ],
  }),
};
