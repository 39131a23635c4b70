/**
 * The Chambre's logo, checked and re-encoded once when an admin uploads it, so that rendering
 * an invoice never decodes a file someone sent. An image's header states its size in a few
 * bytes: a 69-byte PNG claiming 100000×100000 pixels made PDFKit allocate tens of gigabytes
 * (the api died), and a real 8000×8000 one cost 10 s and 1.1 GB on every invoice. The header
 * is read first and a size past the limits is refused before any pixel is decoded; what
 * passes is decoded once by libvips (sharp, with the same pixel limit), turned upright,
 * scaled to what an invoice prints and written as a small PNG without metadata.
 */
import sharp from 'sharp';

/** Largest image decoded at upload: 4 megapixels (2000×2000) is about 16 MB in memory. */
export const MAX_LOGO_PIXELS = 4_000_000;
/** Nor longer than this on either side: a 100000×40 strip is no logo. */
export const MAX_LOGO_SIDE = 5_000;
/**
 * The stored logo fits in this square. The PDF prints it in a 120×40 pt box: 600 pixels
 * across 120 pt (1.67 inch) is 360 dpi, sharp on paper, and a few tens of kilobytes.
 */
export const STORED_LOGO_SIDE = 600;
// A logo is decoded once, at upload: libvips' cache of decoded images would only keep
// megabytes of it in the api's memory.
sharp.cache(false);

/** libvips stops a decode that takes longer than this (a crafted progressive JPEG). */
const DECODE_TIMEOUT_SECONDS = 10;

export class LogoImageError extends Error {
  constructor(
    readonly reason: 'unreadable' | 'too_large',
    message: string,
  ) {
    super(message);
    this.name = 'LogoImageError';
  }
}

export interface NormalisedLogo {
  /** A PNG of at most STORED_LOGO_SIDE pixels a side, 8-bit sRGB, no metadata. */
  png: Buffer;
  width: number;
  height: number;
  /** The size of the image as uploaded. */
  original: { width: number; height: number };
}

/** The size the image's header states, without decoding it; null when there is no header to read. */
export async function logoDimensions(
  content: Buffer,
): Promise<{ width: number; height: number; format: string } | null> {
  try {
    // The header only: metadata() decodes no pixel, so no limit is needed to read it.
    const { width, height, format } = await sharp(content, { limitInputPixels: false }).metadata();
    if (!width || !height || !format) return null;
    return { width, height, format };
  } catch {
    return null;
  }
}

/**
 * Checks a PNG or JPEG's stated size, then decodes it once and re-encodes it for invoices.
 * Throws LogoImageError `too_large` naming the size, or `unreadable`.
 */
export async function normaliseLogo(content: Buffer): Promise<NormalisedLogo> {
  const header = await logoDimensions(content);
  if (!header || (header.format !== 'png' && header.format !== 'jpeg')) {
    throw new LogoImageError('unreadable', 'the logo is not a readable PNG or JPEG image');
  }
  const { width, height } = header;
  if (width > MAX_LOGO_SIDE || height > MAX_LOGO_SIDE || width * height > MAX_LOGO_PIXELS) {
    throw new LogoImageError(
      'too_large',
      `the logo is ${width}×${height} pixels; it may have at most ${MAX_LOGO_PIXELS / 1_000_000} megapixels (2000×2000, say) and ${MAX_LOGO_SIDE} pixels a side`,
    );
  }
  try {
    const { data, info } = await sharp(content, {
      // The header can lie about what the data holds: the decoder keeps to the same limit.
      limitInputPixels: MAX_LOGO_PIXELS,
      failOn: 'error',
      pages: 1,
    })
      .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
      .autoOrient()
      .resize(STORED_LOGO_SIDE, STORED_LOGO_SIDE, { fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true });
    return { png: data, width: info.width, height: info.height, original: { width, height } };
  } catch {
    throw new LogoImageError('unreadable', 'the logo is not a readable PNG or JPEG image');
  }
}
