import { quoted } from './common-blocks';
import { formatParisPeriod, formatParisShortDate } from './format';
import { action, fact, facts, LocalisedTemplate, paragraph } from './mail-content';

/**
 * What the delivery log keeps of a survey invitation: the invitation's id, not the link, whose
 * secret is made when the message is sent (SurveyLinksService) and exists only in the mail.
 */
export interface PlannedSurveyInvitation {
  surveyInvitationId: string;
  stage: 'hot' | 'cold';
  respondent: 'trainee' | 'organisation';
  offeringTitle: string;
  startsAt: string;
  endsAt: string;
  closesAt: string;
}

export type SurveyInvitationData = PlannedSurveyInvitation & { surveyUrl: string };

export const trainingSurveyInvitation: LocalisedTemplate<'training-survey-invitation'> = {
  fr: (data) => ({
    subject:
      data.stage === 'hot'
        ? `Votre avis sur la formation ${data.offeringTitle}`
        : `Quelques semaines après : la formation ${data.offeringTitle}`,
    heading: data.stage === 'hot' ? 'Votre avis compte' : 'Et depuis la formation ?',
    blocks: [
      paragraph(
        data.respondent === 'organisation'
          ? `Des personnes de votre organisation ont suivi la formation ${quoted(data.offeringTitle, 'fr')}. Quelques semaines plus tard, dites-nous ce qu’elle a apporté : cinq questions notées de 1 à 5, la mise en pratique et un commentaire libre.`
          : data.stage === 'hot'
            ? `Vous venez de suivre la formation ${quoted(data.offeringTitle, 'fr')}. Dites-nous ce que vous en avez pensé : cinq questions notées de 1 à 5 et un commentaire libre, deux minutes suffisent.`
            : `Il y a quelques semaines, vous avez suivi la formation ${quoted(data.offeringTitle, 'fr')}. Qu’en avez-vous mis en pratique ? Quelques questions notées de 1 à 5 et un commentaire libre.`,
      ),
      facts([
        fact('Formation', data.offeringTitle),
        fact('Dates', formatParisPeriod(data.startsAt, data.endsAt, 'fr')),
        fact('Répondre avant le', formatParisShortDate(data.closesAt, 'fr')),
      ]),
      action('Répondre au questionnaire', data.surveyUrl),
      paragraph(
        'Ce lien vous est personnel : il permet une seule réponse, sans créer de compte. Vos réponses nous aident à améliorer nos formations.',
      ),
    ],
  }),
  en: (data) => ({
    subject:
      data.stage === 'hot'
        ? `Your feedback on the training ${data.offeringTitle}`
        : `A few weeks on: the training ${data.offeringTitle}`,
    heading: data.stage === 'hot' ? 'Your feedback matters' : 'And since the training?',
    blocks: [
      paragraph(
        data.respondent === 'organisation'
          ? `People from your organisation attended the training ${quoted(data.offeringTitle, 'en')}. A few weeks on, tell us what it brought: five questions scored 1 to 5, what was put into practice and a free comment.`
          : data.stage === 'hot'
            ? `You have just attended the training ${quoted(data.offeringTitle, 'en')}. Tell us what you thought of it: five questions scored 1 to 5 and a free comment; two minutes are enough.`
            : `A few weeks ago you attended the training ${quoted(data.offeringTitle, 'en')}. What have you put into practice? A few questions scored 1 to 5 and a free comment.`,
      ),
      facts([
        fact('Training', data.offeringTitle),
        fact('Dates', formatParisPeriod(data.startsAt, data.endsAt, 'en')),
        fact('Answer by', formatParisShortDate(data.closesAt, 'en')),
      ]),
      action('Answer the questionnaire', data.surveyUrl),
      paragraph(
        'This link is yours: it takes one answer, with no account needed. Your answers help us improve our trainings.',
      ),
    ],
  }),
};
