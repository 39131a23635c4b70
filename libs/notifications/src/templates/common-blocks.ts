import { countOf, formatIban, formatParisPeriod } from './format';
import { Block, Fact, fact, link, paragraph } from './mail-content';
import type { MailLocale, ServiceMoment } from './template-data';

/** `« Gouvernance associative »` / `“Associative governance”`, inside a sentence. */
export function quoted(title: string, locale: MailLocale): string {
  return locale === 'fr' ? `« ${title} »` : `“${title}”`;
}

export function seats(count: number, locale: MailLocale): string {
  return locale === 'fr'
    ? countOf(count, locale, 'place', 'places')
    : countOf(count, locale, 'seat', 'seats');
}

function present(value: string | null): value is string {
  return value !== null && value.trim() !== '';
}

/** When and where: the period, then the place and/or the video-call link. */
export function momentFacts(moment: ServiceMoment, locale: MailLocale): Fact[] {
  const fr = locale === 'fr';
  const rows = [fact('Date', formatParisPeriod(moment.startsAt, moment.endsAt, locale))];
  if (present(moment.location)) rows.push(fact(fr ? 'Lieu' : 'Place', moment.location));
  if (present(moment.remoteUrl)) {
    rows.push(fact(fr ? 'Lien de connexion' : 'Video call', link(moment.remoteUrl)));
  }
  if (!present(moment.location) && !present(moment.remoteUrl)) {
    rows.push(fact(fr ? 'Lieu' : 'Place', fr ? 'communiqué prochainement' : 'to be announced'));
  }
  return rows;
}

export function isRemoteOnly(moment: ServiceMoment): boolean {
  return present(moment.remoteUrl) && !present(moment.location);
}

/** What a payer needs to make a bank transfer. */
export function bankFacts(
  details: { iban: string; bic: string; paymentReference: string | null },
  locale: MailLocale,
): Fact[] {
  return [
    fact('IBAN', formatIban(details.iban)),
    fact('BIC', details.bic.trim()),
    ...(details.paymentReference
      ? [
          fact(
            locale === 'fr' ? 'Référence à indiquer' : 'Reference to quote',
            details.paymentReference,
          ),
        ]
      : []),
  ];
}

/** "Any question? Write to us at …", when the Chambre has an address to write to. */
export function contactParagraph(chambreEmail: string | null, locale: MailLocale): Block | null {
  if (!chambreEmail) return null;
  return locale === 'fr'
    ? paragraph(`Pour toute question, vous pouvez nous écrire à ${chambreEmail}.`)
    : paragraph(`If you have any questions, you can write to us at ${chambreEmail}.`);
}
