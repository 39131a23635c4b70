import { create, type Font } from 'fontkit';
import { invoiceFonts } from './invoice-fonts';

// The subsets the invoice fonts embed, read back by fontkit as a viewer reads them: every glyph
// draws and advances as in the whole font, composite glyphs find their components.

interface ParsedFont extends Font {
  readonly numGlyphs: number;
  glyphForCodePoint(codePoint: number): ParsedGlyph;
  getGlyph(id: number): ParsedGlyph;
  createSubset(): { includeGlyph(glyph: number): number; encode(): Uint8Array };
}
interface ParsedGlyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly path: { toSVG(): string };
}

// Latin with accents, a ligature and « ǅ » (composite glyphs in DejaVu Sans), Cyrillic, Greek,
// Vietnamese, the euro sign and U+FFFD, printed for what the fonts lack.
const TEXT = 'Facture n° 2027 ﬁ ǅ Ёлка Ωμέγα Hội Łódź € àéèùÂ\ufffd';

function subsetOf(font: ParsedFont, text: string) {
  const subset = font.createSubset();
  const original = [0];
  for (const character of text) {
    const id = font.glyphForCodePoint(character.codePointAt(0)!).id;
    if (subset.includeGlyph(id) === original.length) original.push(id);
  }
  return { bytes: subset.encode(), original };
}

describe.each(['regular', 'bold'] as const)('the %s font subset', (style) => {
  const font = invoiceFonts()[style] as ParsedFont;

  it('draws and advances every glyph as the whole font does, components included', () => {
    const { bytes, original } = subsetOf(font, TEXT);
    const subset = create(bytes) as ParsedFont;
    // More glyphs than asked for: the components of the composite ones.
    expect(subset.numGlyphs).toBeGreaterThan(original.length);
    original.forEach((id, index) => {
      const glyph = subset.getGlyph(index);
      expect(glyph.advanceWidth).toBe(font.getGlyph(id).advanceWidth);
      expect(glyph.path.toSVG()).toBe(font.getGlyph(id).path.toSVG());
      expect(glyph.path.toSVG() === '').toBe(id === 3); // only the space is blank (and .notdef has a box)
    });
  });

  it('is a well-formed TrueType file: tables sorted, whole-file checksum as head says', () => {
    const { bytes } = subsetOf(font, TEXT);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const tags = Array.from({ length: view.getUint16(4) }, (_, index) =>
      String.fromCharCode(...bytes.subarray(12 + index * 16, 16 + index * 16)),
    );
    expect(tags).toEqual([...tags].sort());
    expect(tags).toEqual(
      expect.arrayContaining([
        'cvt ',
        'fpgm',
        'glyf',
        'head',
        'hhea',
        'hmtx',
        'loca',
        'maxp',
        'prep',
      ]),
    );
    let sum = 0;
    for (let position = 0; position < bytes.length; position += 4) {
      sum = (sum + view.getUint32(position)) >>> 0;
    }
    expect(sum).toBe(0xb1b0afba);
  });

  it('gives the same bytes for the same glyphs in the same order', () => {
    expect(Buffer.from(subsetOf(font, TEXT).bytes)).toEqual(
      Buffer.from(subsetOf(font, TEXT).bytes),
    );
  });
});
