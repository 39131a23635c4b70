import { Money } from '@mutualis/core';

/** Hours as the OPCOs count them, in decimals: « 14 h », « 10,5 h », « 3,25 h ». */
export function formatHours(minutes: number): string {
  const hours = Math.round((minutes / 60) * 100) / 100;
  return `${String(hours).replace('.', ',')} h`;
}

/** « 1 234,50 € » with plain spaces (searchable as typed in the PDFs' text). */
export function formatEuros(cents: number): string {
  return Money.ofCents(cents)
    .format('fr-FR')
    .replace(/[\u202f\u00a0]/g, ' ');
}
