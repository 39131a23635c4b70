import { momentFacts, quoted } from './common-blocks';
import { action, fact, facts, LocalisedTemplate, paragraph, strong } from './mail-content';

/** To a trainee: their convocation (PDF attached), or a revised one after the session moved. */
export const trainingConvocation: LocalisedTemplate<'training-convocation'> = {
  fr: (data, context) => ({
    subject: `${data.revised ? 'Convocation modifiée' : 'Convocation'} : ${data.offeringTitle}`,
    heading: data.revised ? 'Votre convocation a changé' : 'Votre convocation à la formation',
    blocks: [
      data.toBooker
        ? paragraph(
            'Voici la convocation de ',
            strong(data.traineeName),
            ', qui n’a pas d’adresse e-mail dans sa réservation : merci de la lui transmettre.',
          )
        : paragraph(strong(data.traineeName), ','),
      paragraph(
        data.revised
          ? `La date, les horaires ou le lieu de la formation ${quoted(data.offeringTitle, 'fr')} ont changé. Voici la nouvelle convocation, qui annule et remplace la précédente.`
          : `${context.chambreName} ${data.toBooker ? `convoque ${data.traineeName}` : 'vous convoque'} à la formation ${quoted(data.offeringTitle, 'fr')}.`,
      ),
      facts([
        ...momentFacts(data, 'fr'),
        ...(data.organisationName ? [fact('Pour', data.organisationName)] : []),
      ]),
      paragraph(
        'Votre convocation est jointe en PDF : elle précise les horaires de chaque jour, le programme, ',
        strong('ce qu’il faut prévoir'),
        ' et le contact du référent handicap.',
      ),
      paragraph(
        'Pendant la formation, vous signerez la feuille d’émargement à chaque demi-journée depuis votre téléphone, avec un lien personnel envoyé à cette adresse.',
      ),
      action('Voir le programme de la formation', data.offeringUrl),
    ],
  }),
  en: (data, context) => ({
    subject: `${data.revised ? 'Updated joining instructions' : 'Joining instructions'}: ${data.offeringTitle}`,
    heading: data.revised ? 'Your training details changed' : 'Your training joining instructions',
    blocks: [
      data.toBooker
        ? paragraph(
            'Here are the joining instructions of ',
            strong(data.traineeName),
            ', who has no e-mail address in the booking: please pass them on.',
          )
        : paragraph(strong(data.traineeName), ','),
      paragraph(
        data.revised
          ? `The date, hours or place of the training ${quoted(data.offeringTitle, 'en')} changed. Here are the new joining instructions, which replace the earlier ones.`
          : `${context.chambreName} invites ${data.toBooker ? data.traineeName : 'you'} to the training ${quoted(data.offeringTitle, 'en')}.`,
      ),
      facts([
        ...momentFacts(data, 'en'),
        ...(data.organisationName ? [fact('For', data.organisationName)] : []),
      ]),
      paragraph(
        'Your convocation (in French) is attached as a PDF: hours of each day, programme, ',
        strong('what to bring'),
        ' and the accessibility contact.',
      ),
      paragraph(
        'During the training, you will sign the attendance sheet each half-day from your phone, with a personal link sent to this address.',
      ),
      action('View the training programme', data.offeringUrl),
    ],
  }),
};
