import { readFileSync } from 'node:fs';
import path from 'node:path';
import { create, type Font } from 'fontkit';

/**
 * DejaVu Sans, regular and bold: a free Unicode font (Latin, Greek, Cyrillic, Vietnamese…), so
 * that every name prints as written, embedded as PDF/A requires. Found through node_modules,
 * where the built apps (dist/) resolve it as the sources do.
 */
const FONT_DIRECTORY = path.join(
  path.dirname(require.resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);

export interface InvoiceFonts {
  regular: Font;
  bold: Font;
}

let parsed: InvoiceFonts | null = null;

/**
 * The fonts, read and parsed once per process. Handing PDFKit the parsed font (rather than the
 * file or its bytes) spares every document the parsing of its tables, glyph metrics and
 * shaping rules, which cost more than the rest of a render. A fontkit font holds only caches
 * of what it read from its own bytes: sharing it leaves each document's bytes unchanged.
 */
export function invoiceFonts(): InvoiceFonts {
  parsed ??= {
    regular: create(readFileSync(path.join(FONT_DIRECTORY, 'DejaVuSans.ttf'))),
    bold: create(readFileSync(path.join(FONT_DIRECTORY, 'DejaVuSans-Bold.ttf'))),
  };
  return parsed;
}
