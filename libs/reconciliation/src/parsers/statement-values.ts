/**
 * Value readers shared by the statement parsers: exact amounts, calendar dates, free text and
 * RF references found in it. Each returns null (or a reason) and lets the parser say where.
 */
import { isValidRfReference } from '@mutualis/invoicing';
import { StatementFormatError } from './statement-types';

/** Statements are a few hundred kilobytes; anything far larger is a mistake or an attack. */
export const MAX_STATEMENT_BYTES = 20 * 1024 * 1024;

/**
 * A year of a busy account is a few tens of thousands of lines; a file with more is split by
 * period. Every line is stored and matched, so the cap bounds what one upload makes the
 * worker do.
 */
export const MAX_STATEMENT_TRANSACTIONS = 100_000;

/** The refusal of a statement past MAX_STATEMENT_TRANSACTIONS. */
export function tooManyTransactions(): StatementFormatError {
  return new StatementFormatError(
    `the file holds more than ${MAX_STATEMENT_TRANSACTIONS} transactions; export a shorter period`,
    null,
  );
}

/** 13 digits of euros keep cents below 2^53, so `number` stays exact. */
const MAX_WHOLE_DIGITS = 13;

export type CentsResult = { cents: number } | { problem: string };

/**
 * Integer cents from the digits before and after the decimal separator, by string arithmetic
 * (never `parseFloat(x) * 100`, which turns 8.85 into 884.9999…). Extra fraction digits are
 * accepted only when they are zeros and `allowTrailingZeros` says the format may pad them.
 */
export function centsFromDigits(
  whole: string,
  fraction: string,
  allowTrailingZeros: boolean,
): CentsResult {
  const significantWhole = whole.replace(/^0+(?=\d)/, '');
  if (significantWhole.length > MAX_WHOLE_DIGITS) return { problem: 'is too large' };
  let cents = fraction;
  if (cents.length > 2) {
    if (!allowTrailingZeros || !/^0+$/.test(cents.slice(2))) {
      return { problem: 'has more than 2 decimals' };
    }
    cents = cents.slice(0, 2);
  }
  return { cents: Number(significantWhole) * 100 + Number(cents.padEnd(2, '0')) };
}

/** `YYYY-MM-DD` when the numbers name a real calendar day, else null. */
export function calendarDate(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  // Day 0 of the next month is the last day of this one; UTC avoids any time-zone shift.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Trimmed text with runs of whitespace (tabs, line breaks, no-break spaces) made one space. */
export function collapseWhitespace(value: string): string | null {
  const collapsed = value.replace(/\s+/gu, ' ').trim();
  return collapsed === '' ? null : collapsed;
}

/** Spaces removed and uppercased, as references are compared. */
export function compactReference(value: string): string | null {
  const compact = value.replace(/\s+/gu, '').toUpperCase();
  return compact === '' ? null : compact;
}

/** `RF`, two digits, then letters and digits in runs separated by single spaces. */
const RF_IN_TEXT = /\bRF\d{2} ?[A-Z0-9]+(?: [A-Z0-9]+)*/gi;

/**
 * The first ISO 11649 reference written in free text (a transfer label), compact and
 * uppercased, as `RF18 5390 0754 7034` or `RF18539007547034`. Only references whose check
 * digits hold are taken: payers type labels by hand, and a word that merely starts with RF
 * and digits must not pass for a reference. Words after the reference look like more groups
 * (`RF18 5390 0754 7034 MERCI`), so each run boundary is a candidate end, the longest valid
 * one winning.
 */
export function findRfReference(text: string): string | null {
  for (const match of text.matchAll(RF_IN_TEXT)) {
    const runs = match[0].slice(4).trim().split(' ');
    const candidates: string[] = [];
    let compact = match[0].slice(0, 4).toUpperCase();
    for (const run of runs) {
      compact += run.toUpperCase();
      if (compact.length > 25) break;
      candidates.push(compact);
    }
    const found = candidates.reverse().find((candidate) => isValidRfReference(candidate));
    if (found) return found;
  }
  return null;
}

/** The ISO 13616 check of an IBAN (country, two check digits, up to 30 letters and digits). */
export function isValidIban(value: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(value)) return false;
  let remainder = 0;
  for (const character of value.slice(4) + value.slice(0, 4)) {
    for (const digit of String(parseInt(character, 36))) {
      remainder = (remainder * 10 + Number(digit)) % 97;
    }
  }
  return remainder === 1;
}
