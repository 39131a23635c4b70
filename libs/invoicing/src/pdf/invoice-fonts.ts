import { readFileSync } from 'node:fs';
import path from 'node:path';
import { create, type Font, type GlyphRun } from 'fontkit';
import { TrueTypeGlyphSource } from './truetype-subset';

/**
 * DejaVu Sans, regular and bold: a free Unicode font (Latin, Greek, Cyrillic, Vietnamese…), so
 * that every name prints as written, embedded as PDF/A requires. Found through node_modules,
 * where the built apps (dist/) resolve it as the sources do.
 */
const FONT_DIRECTORY = path.join(
  path.dirname(require.resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);

/** Shaped words kept per font: the mentions, labels and the Chambre's details, many times. */
const REMEMBERED_RUNS = 5_000;

export interface InvoiceFonts {
  regular: Font;
  bold: Font;
}

let parsed: InvoiceFonts | null = null;

/**
 * The fonts, read and parsed once per process. Handing PDFKit the parsed font (rather than the
 * file or its bytes) spares every document the parsing of its tables, glyph metrics and
 * shaping rules, which cost more than the rest of a render. A fontkit font holds only caches
 * of what it read from its own bytes, and a render uses it synchronously from start to end:
 * sharing it leaves each document's bytes unchanged.
 */
export function invoiceFonts(): InvoiceFonts {
  parsed ??= {
    regular: prepared(readFileSync(path.join(FONT_DIRECTORY, 'DejaVuSans.ttf'))),
    bold: prepared(readFileSync(path.join(FONT_DIRECTORY, 'DejaVuSans-Bold.ttf'))),
  };
  return parsed;
}

/**
 * The font as fontkit parses it, with the words it shaped remembered across documents and the
 * subsets PDFKit embeds built from glyph data read once per process (`TrueTypeSubset`).
 */
function prepared(file: Buffer): Font {
  const font = withRememberedShaping(create(file));
  const glyphs = new TrueTypeGlyphSource(file);
  return Object.create(font, { createSubset: { value: () => glyphs.createSubset() } }) as Font;
}

/**
 * The font, with the words it shaped (`layout`: glyphs, kerning, ligatures) remembered across
 * documents. PDFKit remembers them for one document only, and an invoice's words are mostly
 * every invoice's: shaping them again was a third of a render. Each call gets its own copy of
 * the run, as from fontkit, since PDFKit scales the positions it gets in place. Everything
 * else is the font's own (a prototype, not a copy).
 */
function withRememberedShaping(font: Font): Font {
  const runs = new Map<string, GlyphRun>();
  const layout = (text: string, features?: unknown): GlyphRun => {
    if (features !== undefined) return font.layout(text, features);
    let run = runs.get(text);
    if (run === undefined) {
      run = font.layout(text);
      // The oldest goes first: names and numbers of past invoices.
      if (runs.size >= REMEMBERED_RUNS) runs.delete(runs.keys().next().value!);
      runs.set(text, run);
    }
    return copyOf(run);
  };
  return Object.create(font, { layout: { value: layout } }) as Font;
}

function copyOf(run: GlyphRun): GlyphRun {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object), run) as GlyphRun;
  copy.glyphs = run.glyphs.slice();
  copy.positions = run.positions.map(
    (position) =>
      Object.assign(Object.create(Object.getPrototypeOf(position) as object), position) as object,
  );
  return copy;
}
