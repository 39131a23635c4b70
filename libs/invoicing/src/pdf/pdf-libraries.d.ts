// Types for what the invoice renderer uses of fontkit (which ships none) and of PDFKit 0.20
// features newer than @types/pdfkit: already-parsed fonts and associated-file relationships.

declare module 'fontkit' {
  /** Shaped text: the glyphs, and where each goes (classes whose getters PDFKit reads). */
  export interface GlyphRun {
    glyphs: object[];
    positions: object[];
  }

  /** A parsed font (fontkit 2): only what this code calls. */
  export interface Font {
    layout(text: string, features?: unknown): GlyphRun;
    readonly postscriptName: string;
    readonly unitsPerEm: number;
    /** Above the baseline, in font units. */
    readonly ascent: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  /** Parses a TrueType/OpenType font (not a collection: no postscript name is asked for). */
  export function create(buffer: Uint8Array): Font;
}

declare namespace PDFKit.Mixins {
  interface PDFFont {
    /** PDFKit 0.20 takes a font fontkit already parsed, and embeds a subset of it. */
    registerFont(name: string, src: import('fontkit').Font): this;
  }

  interface PDFAttachmentOptions {
    /** The file specification's /AFRelationship (PDF 2.0, PDF/A-3). */
    relationship?: 'Source' | 'Data' | 'Alternative' | 'Supplement' | 'Unspecified';
  }
}
