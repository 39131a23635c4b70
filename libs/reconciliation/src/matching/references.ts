/**
 * Invoice numbers and RF creditor references in the free text of a transfer. Members type
 * them, and banks then uppercase, cut, re-space or glue them: the finders read them back into
 * their canonical forms.
 */
import { isValidRfReference } from '@mutualis/invoicing';

/**
 * `F`, a year 20YY, a sequence of 1 to 6 digits, with `-`, space, `/` or `_` (or nothing)
 * between. Not after a letter or digit, so `REF2026…` or `AV-2026-…` (credit notes) are not read
 * as invoices; not followed by a digit, so a longer run of digits is not cut into a number.
 * The year is limited to 20YY so a postcode or an amount after an `F` is not taken for one.
 */
const INVOICE_NUMBER = /(?<![\p{L}\p{N}])F[-\s/_]{0,3}(20\d{2})[-\s/_]{0,3}(\d{1,6})(?!\d)/giu;

/** Canonical `F-YYYY-NNNNNN` invoice numbers in the text, unique, in order of appearance. */
export function findInvoiceNumbers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(INVOICE_NUMBER)) {
    const sequence = Number(match[2]);
    if (sequence === 0) continue; // sequences start at 1
    const number = `F-${match[1]}-${String(sequence).padStart(6, '0')}`;
    if (!found.includes(number)) found.push(number);
  }
  return found;
}

const RF_START = /(?<![A-Za-z0-9])RF\d{2}/gi;
const WORD = /^[A-Za-z0-9]+/;
/** `RF`, two check digits, at most 21 characters of base (ISO 11649). */
const RF_MAX_LENGTH = 25;

/**
 * Valid RF references in the text, compact and uppercase, unique, in order of appearance.
 *
 * A reference is read from `RF` + two digits either compact (`RF18539007547034`) or printed in
 * groups of four (`RF18 5390 0754 7034`): a following word is taken in only while the words so
 * far are groups of exactly four, and only within the 25 characters a reference can have. Of
 * the readings that pass the check digits, the longest wins: a last group followed by another
 * 4-character word could be read both ways, and a shorter reading passes MOD 97 by chance once
 * in 97 times per cut. Our own references (21 characters) end with a 1-character group, so
 * their reading is never ambiguous.
 */
export function findRfReferences(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(RF_START)) {
    const parts = text.slice(match.index, match.index + 4 * RF_MAX_LENGTH).split(/\s+/);
    let compact = '';
    let best: string | null = null;
    for (const part of parts) {
      const word = WORD.exec(part)?.[0] ?? '';
      if (word === '' || compact.length + word.length > RF_MAX_LENGTH) break;
      compact += word.toUpperCase();
      if (isValidRfReference(compact)) best = compact;
      // Punctuation ends the reference; so does a group that is not one of the printed fours.
      if (word.length !== part.length || word.length !== 4) break;
    }
    if (best !== null && !found.includes(best)) found.push(best);
  }
  return found;
}
