/**
 * The TrueType subset of a font a PDF embeds: the glyphs a document shows, renumbered in the
 * order it first shows them (glyph 0, .notdef, first), with the components of composite glyphs,
 * and the tables a PDF viewer needs to draw them (head, hhea, maxp, loca, glyf, hmtx and the
 * hinting programs cvt, fpgm, prep), as fontkit's own subset has them.
 *
 * Why not fontkit's: it decodes every glyph's outline, for every document, only to find
 * composite glyphs, and re-encodes every table field by field; that was a third of a render.
 * Here the font's tables are read once per process and each glyph's bytes and components once
 * per glyph: a document's subset is then the concatenation of bytes already at hand. It has the
 * interface of fontkit's (`font.createSubset()`: `includeGlyph`, `encode`), which is what PDFKit
 * calls. Deterministic: the same glyphs in the same order give the same bytes.
 */
export class TrueTypeSubset {
  private readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();

  constructor(private readonly source: TrueTypeGlyphSource) {
    this.includeGlyph(0);
  }

  /** The glyph's number in the subset (PDFKit writes it as the CID), adding it if new. */
  includeGlyph(glyph: number | { id: number }): number {
    const id = typeof glyph === 'number' ? glyph : glyph.id;
    let index = this.mapping.get(id);
    if (index === undefined) {
      index = this.glyphs.length;
      this.glyphs.push(id);
      this.mapping.set(id, index);
    }
    return index;
  }

  /** The subset as a TrueType font file. */
  encode(): Uint8Array {
    const { source } = this;
    const parts: Uint8Array[] = [];
    const offsets: number[] = [];
    const metrics: number[] = [];
    let offset = 0;
    // Components are included as they are met: the list grows while it is read.
    for (let index = 0; index < this.glyphs.length; index += 1) {
      const glyph = source.glyph(this.glyphs[index]);
      let bytes = glyph.bytes;
      if (glyph.components.length > 0) {
        bytes = Uint8Array.from(bytes);
        const view = new DataView(bytes.buffer);
        for (const component of glyph.components) {
          view.setUint16(component.position, this.includeGlyph(component.glyph));
        }
      }
      offsets.push(offset);
      parts.push(bytes);
      offset += bytes.length;
      metrics.push(glyph.advance, glyph.leftBearing);
    }
    offsets.push(offset);
    const count = this.glyphs.length;

    const longOffsets = source.longOffsets || offset > 0x1ffff;
    const loca = new DataView(new ArrayBuffer(offsets.length * (longOffsets ? 4 : 2)));
    offsets.forEach((value, index) => {
      if (longOffsets) loca.setUint32(index * 4, value);
      else loca.setUint16(index * 2, value / 2);
    });
    const hmtx = new DataView(new ArrayBuffer(count * 4));
    for (let index = 0; index < count; index += 1) {
      hmtx.setUint16(index * 4, metrics[index * 2]);
      hmtx.setInt16(index * 4 + 2, metrics[index * 2 + 1]);
    }
    const head = Uint8Array.from(source.head);
    const headView = new DataView(head.buffer);
    headView.setUint32(HEAD_CHECKSUM_ADJUSTMENT, 0);
    headView.setInt16(HEAD_INDEX_TO_LOC_FORMAT, longOffsets ? 1 : 0);
    const hhea = Uint8Array.from(source.hhea);
    new DataView(hhea.buffer).setUint16(HHEA_NUMBER_OF_METRICS, count);
    const maxp = Uint8Array.from(source.maxp);
    new DataView(maxp.buffer).setUint16(MAXP_NUM_GLYPHS, count);

    const file = sfnt([
      ['cvt ', source.cvt],
      ['fpgm', source.fpgm],
      ['glyf', concat(parts, offset)],
      ['head', head],
      ['hhea', hhea],
      ['hmtx', new Uint8Array(hmtx.buffer)],
      ['loca', new Uint8Array(loca.buffer)],
      ['maxp', maxp],
      ['prep', source.prep],
    ]);
    // The whole file sums to 0xB1B0AFBA (OpenType, head.checkSumAdjustment).
    view(file.bytes).setUint32(
      file.headOffset + HEAD_CHECKSUM_ADJUSTMENT,
      (0xb1b0afba - checksum(file.bytes)) >>> 0,
    );
    return file.bytes;
  }
}

interface SourceGlyph {
  /** As in the font's glyf table. */
  bytes: Uint8Array;
  /** A composite glyph's components: where each one's glyph number is, to renumber it. */
  components: { glyph: number; position: number }[];
  advance: number;
  leftBearing: number;
}

/**
 * A TrueType font's tables, read from its file once, and its glyphs, each read once when first
 * asked for. Only reads: shared by every document of the process.
 */
export class TrueTypeGlyphSource {
  readonly head: Uint8Array;
  readonly hhea: Uint8Array;
  readonly maxp: Uint8Array;
  readonly cvt: Uint8Array | null;
  readonly fpgm: Uint8Array | null;
  readonly prep: Uint8Array | null;
  readonly longOffsets: boolean;
  private readonly glyf: Uint8Array;
  private readonly loca: DataView;
  private readonly hmtx: DataView;
  private readonly numberOfMetrics: number;
  private readonly numGlyphs: number;
  private readonly glyphs = new Map<number, SourceGlyph>();

  constructor(file: Uint8Array) {
    const tables = tableDirectory(file);
    const table = (tag: string): Uint8Array => {
      const found = tables.get(tag);
      if (!found) throw new Error(`Not a TrueType font with outlines: no ${tag} table`);
      return found;
    };
    this.head = table('head');
    this.hhea = table('hhea');
    this.maxp = table('maxp');
    this.glyf = table('glyf');
    this.cvt = tables.get('cvt ') ?? null;
    this.fpgm = tables.get('fpgm') ?? null;
    this.prep = tables.get('prep') ?? null;
    this.longOffsets = view(this.head).getInt16(HEAD_INDEX_TO_LOC_FORMAT) === 1;
    this.loca = view(table('loca'));
    this.hmtx = view(table('hmtx'));
    this.numberOfMetrics = view(this.hhea).getUint16(HHEA_NUMBER_OF_METRICS);
    this.numGlyphs = view(this.maxp).getUint16(MAXP_NUM_GLYPHS);
  }

  createSubset(): TrueTypeSubset {
    return new TrueTypeSubset(this);
  }

  glyph(id: number): SourceGlyph {
    let glyph = this.glyphs.get(id);
    if (glyph === undefined) {
      glyph = this.read(id);
      this.glyphs.set(id, glyph);
    }
    return glyph;
  }

  private read(id: number): SourceGlyph {
    if (!Number.isInteger(id) || id < 0 || id >= this.numGlyphs) {
      throw new RangeError(`No glyph ${id} in the font`);
    }
    const start = this.locaOffset(id);
    const bytes = this.glyf.subarray(start, this.locaOffset(id + 1));
    const metric = Math.min(id, this.numberOfMetrics - 1);
    const advance = this.hmtx.getUint16(metric * 4);
    const leftBearing =
      id < this.numberOfMetrics
        ? this.hmtx.getInt16(id * 4 + 2)
        : this.hmtx.getInt16(this.numberOfMetrics * 4 + (id - this.numberOfMetrics) * 2);
    return { bytes, components: componentsOf(bytes), advance, leftBearing };
  }

  private locaOffset(id: number): number {
    return this.longOffsets ? this.loca.getUint32(id * 4) : this.loca.getUint16(id * 2) * 2;
  }
}

// Offsets of the fields a subset changes (OpenType spec, tables head, hhea, maxp).
const HEAD_CHECKSUM_ADJUSTMENT = 8;
const HEAD_INDEX_TO_LOC_FORMAT = 50;
const HHEA_NUMBER_OF_METRICS = 34;
const MAXP_NUM_GLYPHS = 4;

// Composite glyph flags (OpenType spec, glyf table).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** Where a composite glyph names its components; none for a simple or an empty glyph. */
function componentsOf(bytes: Uint8Array): SourceGlyph['components'] {
  if (bytes.length === 0) return [];
  const glyph = view(bytes);
  if (glyph.getInt16(0) >= 0) return [];
  const components: SourceGlyph['components'] = [];
  let position = 10; // after numberOfContours and the bounding box
  let flags: number;
  do {
    flags = glyph.getUint16(position);
    components.push({ glyph: glyph.getUint16(position + 2), position: position + 2 });
    position += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) position += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) position += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) position += 8;
  } while (flags & MORE_COMPONENTS);
  return components;
}

/** The tables of a TrueType file, by tag (views of its bytes, not copies). */
function tableDirectory(file: Uint8Array): Map<string, Uint8Array> {
  const header = view(file);
  const count = header.getUint16(4);
  const tables = new Map<string, Uint8Array>();
  for (let index = 0; index < count; index += 1) {
    const entry = 12 + index * 16;
    const tag = String.fromCharCode(...file.subarray(entry, entry + 4));
    const offset = header.getUint32(entry + 8);
    tables.set(tag, file.subarray(offset, offset + header.getUint32(entry + 12)));
  }
  return tables;
}

/** A TrueType file of these tables (sorted by tag, as the format asks), each 4-byte aligned. */
function sfnt(tables: [string, Uint8Array | null][]): { bytes: Uint8Array; headOffset: number } {
  const present = tables.filter((entry): entry is [string, Uint8Array] => entry[1] !== null);
  const count = present.length;
  const directoryLength = 12 + 16 * count;
  const length = present.reduce((total, [, bytes]) => total + padded(bytes.length), 0);
  const bytes = new Uint8Array(directoryLength + length);
  const header = view(bytes);
  const power = 2 ** Math.floor(Math.log2(count));
  header.setUint32(0, 0x00010000);
  header.setUint16(4, count);
  header.setUint16(6, power * 16);
  header.setUint16(8, Math.log2(power));
  header.setUint16(10, count * 16 - power * 16);
  let offset = directoryLength;
  let headOffset = 0;
  present.forEach(([tag, table], index) => {
    const entry = 12 + index * 16;
    for (let char = 0; char < 4; char += 1) bytes[entry + char] = tag.charCodeAt(char);
    bytes.set(table, offset);
    header.setUint32(entry + 4, checksum(bytes.subarray(offset, offset + padded(table.length))));
    header.setUint32(entry + 8, offset);
    header.setUint32(entry + 12, table.length);
    if (tag === 'head') headOffset = offset;
    offset += padded(table.length);
  });
  return { bytes, headOffset };
}

/** The sum of the big-endian 32-bit words, modulo 2³² (the bytes are 4-byte aligned). */
function checksum(bytes: Uint8Array): number {
  const words = view(bytes);
  let sum = 0;
  for (let position = 0; position + 4 <= bytes.length; position += 4) {
    sum = (sum + words.getUint32(position)) >>> 0;
  }
  return sum;
}

function padded(length: number): number {
  return (length + 3) & ~3;
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
