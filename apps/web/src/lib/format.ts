/**
 * Money and dates as people at the Chambre read them: euros and Paris wall-clock time, in the
 * interface's language (fr-FR first). Amounts are integer cents, never floats, until display.
 */
export const TIME_ZONE = 'Europe/Paris';

export function localeTag(language: string): string {
  return language.startsWith('en') ? 'en-GB' : 'fr-FR';
}

export function formatMoney(cents: number, language = 'fr'): string {
  return new Intl.NumberFormat(localeTag(language), { style: 'currency', currency: 'EUR' }).format(
    cents / 100,
  );
}

export function formatDate(iso: string, language = 'fr'): string {
  return new Intl.DateTimeFormat(localeTag(language), {
    dateStyle: 'long',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

export function formatDateTime(iso: string, language = 'fr'): string {
  return new Intl.DateTimeFormat(localeTag(language), {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

export function formatShortDateTime(iso: string, language = 'fr'): string {
  return new Intl.DateTimeFormat(localeTag(language), {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

/**
 * Euros typed by a person ("1 234,50", "12.5", "80 €") to integer cents; null when it is not an
 * amount. Used by forms that take prices or amounts.
 */
export function parseEuros(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [units, decimals = ''] = cleaned.split('.');
  return Number(units) * 100 + Number(decimals.padEnd(2, '0'));
}
