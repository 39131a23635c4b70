import { momentFacts, quoted, seats } from './common-blocks';
import { formatParisDateTime, formatParisShortDate } from './format';
import { action, fact, facts, LocalisedTemplate, paragraph, strong, table } from './mail-content';
import type { TemplateData } from './template-data';

type Attendee = TemplateData['consultant-attendee-list']['attendees'][number];

function attendeeRows(attendees: readonly Attendee[]): (string | null)[][] {
  return attendees.map((attendee) => [
    attendee.name,
    attendee.organisationName,
    attendee.email?.trim() || null,
  ]);
}

export const consultantNewBooking: LocalisedTemplate<'consultant-new-booking'> = {
  fr: (data) => ({
    subject: `Nouvelle réservation : ${data.offeringTitle} — ${formatParisShortDate(data.startsAt, 'fr')}`,
    heading: 'Nouvelle réservation sur votre session',
    blocks: [
      paragraph(
        strong(data.organisationName),
        ` a réservé ${seats(data.seats, 'fr')} pour votre session ${quoted(data.offeringTitle, 'fr')} du ${formatParisDateTime(data.startsAt, 'fr')}.`,
      ),
      facts([
        ...momentFacts(data, 'fr'),
        fact('Places restantes', `${data.seatsLeft} sur ${data.capacity}`),
      ]),
      data.seatsLeft <= 0 ? paragraph('La session est désormais complète.') : null,
      action('Voir la session', data.sessionUrl),
    ],
  }),
  en: (data) => ({
    subject: `New booking: ${data.offeringTitle} — ${formatParisShortDate(data.startsAt, 'en')}`,
    heading: 'New booking for your session',
    blocks: [
      paragraph(
        strong(data.organisationName),
        ` has booked ${seats(data.seats, 'en')} for your session ${quoted(data.offeringTitle, 'en')} on ${formatParisDateTime(data.startsAt, 'en')}.`,
      ),
      facts([
        ...momentFacts(data, 'en'),
        fact('Seats left', `${data.seatsLeft} of ${data.capacity}`),
      ]),
      data.seatsLeft <= 0 ? paragraph('The session is now full.') : null,
      action('View the session', data.sessionUrl),
    ],
  }),
};

export const consultantAttendeeList: LocalisedTemplate<'consultant-attendee-list'> = {
  fr: (data) => ({
    subject: `Liste des participants : ${data.offeringTitle} — ${formatParisShortDate(data.startsAt, 'fr')}`,
    heading: 'Votre session a lieu demain',
    blocks: [
      paragraph(
        `Votre session ${quoted(data.offeringTitle, 'fr')} a lieu demain, le ${formatParisDateTime(data.startsAt, 'fr')}. Voici la liste des participants inscrits.`,
      ),
      facts([...momentFacts(data, 'fr'), fact('Participants', String(data.attendees.length))]),
      data.attendees.length > 0
        ? table(
            'Participants inscrits',
            ['Nom', 'Organisation', 'E-mail'],
            attendeeRows(data.attendees),
            'non renseigné',
          )
        : paragraph('Aucun participant n’est inscrit pour le moment.'),
      paragraph('À l’issue de la session, pensez à enregistrer les présences dans votre espace.'),
      action('Voir la session', data.sessionUrl),
    ],
  }),
  en: (data) => ({
    subject: `Attendee list: ${data.offeringTitle} — ${formatParisShortDate(data.startsAt, 'en')}`,
    heading: 'Your session is tomorrow',
    blocks: [
      paragraph(
        `Your session ${quoted(data.offeringTitle, 'en')} takes place tomorrow, on ${formatParisDateTime(data.startsAt, 'en')}. Here is the list of registered attendees.`,
      ),
      facts([...momentFacts(data, 'en'), fact('Attendees', String(data.attendees.length))]),
      data.attendees.length > 0
        ? table(
            'Registered attendees',
            ['Name', 'Organisation', 'E-mail'],
            attendeeRows(data.attendees),
            'not provided',
          )
        : paragraph('No attendees have registered yet.'),
      paragraph('After the session, remember to record attendance in your account.'),
      action('View the session', data.sessionUrl),
    ],
  }),
};
