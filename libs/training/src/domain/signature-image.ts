import sharp from 'sharp';

/** A drawn signature's PNG, decoded: larger ones are refused (a phone canvas makes ~10–40 KB). */
export const MAX_SIGNATURE_BYTES = 100 * 1024;
const MAX_SIDE = 2000;

export type SignatureInput = { kind: 'drawn'; dataUrl: string } | { kind: 'typed'; name: string };

export type CheckedSignature =
  { kind: 'drawn'; png: Buffer; typedName: null } | { kind: 'typed'; png: null; typedName: string };

/** Why a signature is refused, for the problem's message. */
export class SignatureRefused extends Error {}

/**
 * A signature as it is kept: a typed name trimmed (1–200 characters), or a drawn one as a PNG data
 * URL, re-encoded so what is stored (and printed on the sheet) is a plain PNG of sane size, not
 * whatever bytes were posted.
 */
export async function checkSignature(input: SignatureInput): Promise<CheckedSignature> {
  if (input.kind === 'typed') {
    const name = input.name.replace(/\s+/g, ' ').trim();
    if (name.length < 1 || name.length > 200) {
      throw new SignatureRefused('a typed signature is your name, 1 to 200 characters');
    }
    return { kind: 'typed', png: null, typedName: name };
  }
  const match = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/.exec(input.dataUrl);
  if (!match) throw new SignatureRefused('a drawn signature is a PNG data URL');
  const bytes = Buffer.from(match[1], 'base64');
  if (bytes.length > MAX_SIGNATURE_BYTES) {
    throw new SignatureRefused(`a drawn signature is at most ${MAX_SIGNATURE_BYTES / 1024} KB`);
  }
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_SIDE * MAX_SIDE });
    const meta = await image.metadata();
    if (meta.format !== 'png' || !meta.width || !meta.height) throw new Error('not a PNG');
    if (meta.width > MAX_SIDE || meta.height > MAX_SIDE) throw new Error('too large');
    return { kind: 'drawn', png: await image.png().toBuffer(), typedName: null };
  } catch {
    throw new SignatureRefused(
      `a drawn signature is a PNG image of at most ${MAX_SIDE}×${MAX_SIDE} pixels`,
    );
  }
}
