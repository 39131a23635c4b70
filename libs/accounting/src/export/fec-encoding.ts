import { encode } from 'iconv-lite';

export type FecEncoding = 'iso-8859-15' | 'utf-8';

/**
 * Characters ISO 8859-15 lacks that names and labels often carry, and their nearest
 * equivalent; iconv-lite would write `?` for them.
 */
const NEAREST: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u2009': ' ',
  '\u202F': ' ',
  '\u2007': ' ',
};

/**
 * The file's bytes: ISO 8859-15 by default (A47 A-1 lists it; the accounting software of the
 * Chambre reads it), UTF-8 on request. A character ISO 8859-15 cannot hold is first replaced
 * by its nearest equivalent, then (an emoji, a Cyrillic letter) by `?`.
 */
export function encodeFec(text: string, encoding: FecEncoding): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  const nearest = text
    .normalize('NFC')
    .replace(
      /[\u2018\u2019\u201A\u201C\u201D\u201E\u2013\u2014\u2026\u2009\u202F\u2007]/g,
      (c) => NEAREST[c],
    )
    // One `?` for a character outside the BMP, not one per UTF-16 half.
    .replace(/[\u{10000}-\u{10FFFF}]/gu, '?');
  return encode(nearest, 'iso-8859-15');
}

/** The Content-Type of a file in that encoding. */
export function fecContentType(encoding: FecEncoding): string {
  return `text/plain; charset=${encoding === 'utf-8' ? 'utf-8' : 'iso-8859-15'}`;
}
