import { quoted } from './common-blocks';
import { formatParisDateTime, formatParisPeriod } from './format';
import { action, fact, facts, LocalisedTemplate, link, paragraph } from './mail-content';

/** Émargement (issue 21 §4): each trainee's personal link as a half-day opens. */
export const attendanceSigningLink: LocalisedTemplate<'attendance-signing-link'> = {
  fr: (data) => ({
    subject: `Émargement : ${data.offeringTitle} — ${data.period === 'morning' ? 'matin' : 'après-midi'}`,
    heading: 'Signez votre présence',
    blocks: [
      paragraph(
        `La demi-journée de la formation ${quoted(data.offeringTitle, 'fr')} commence. Signez votre présence depuis votre téléphone avec votre lien personnel : il ne vaut que pour vous et pour cette demi-journée.`,
      ),
      facts([
        fact('Demi-journée', formatParisPeriod(data.startsAt, data.endsAt, 'fr')),
        ...(data.location ? [fact('Lieu', data.location)] : []),
        ...(data.remoteUrl ? [fact('À distance', link(data.remoteUrl))] : []),
        fact('Lien valable jusqu’au', formatParisDateTime(data.closesAt, 'fr')),
      ]),
      action('Signer ma présence', data.signUrl),
      paragraph(
        'Ne transférez pas ce lien : la feuille d’émargement est un document officiel de la formation, contresigné par le formateur.',
      ),
    ],
  }),
  en: (data) => ({
    subject: `Attendance: ${data.offeringTitle} — ${data.period}`,
    heading: 'Sign your attendance',
    blocks: [
      paragraph(
        `The half-day of the training ${quoted(data.offeringTitle, 'en')} is starting. Sign your attendance from your phone with your personal link: it is valid only for you and for this half-day.`,
      ),
      facts([
        fact('Half-day', formatParisPeriod(data.startsAt, data.endsAt, 'en')),
        ...(data.location ? [fact('Place', data.location)] : []),
        ...(data.remoteUrl ? [fact('Remote', link(data.remoteUrl))] : []),
        fact('Link valid until', formatParisDateTime(data.closesAt, 'en')),
      ]),
      action('Sign my attendance', data.signUrl),
      paragraph(
        'Do not forward this link: the attendance sheet is an official record of the training, countersigned by the trainer.',
      ),
    ],
  }),
};
