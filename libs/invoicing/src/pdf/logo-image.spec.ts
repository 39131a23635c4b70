import sharp from 'sharp';
import { claimedPng } from '@mutualis/testing';
import {
  LogoImageError,
  MAX_LOGO_PIXELS,
  MAX_LOGO_SIDE,
  STORED_LOGO_SIDE,
  logoDimensions,
  normaliseLogo,
} from './logo-image';

function refusal(run: () => Promise<unknown>): Promise<LogoImageError> {
  return run().then(
    () => {
      throw new Error('expected a LogoImageError');
    },
    (error: unknown) => {
      if (error instanceof LogoImageError) return error;
      throw error;
    },
  );
}

describe('normaliseLogo', () => {
  it('refuses a 69-byte PNG claiming 100000×100000 pixels from its header, naming the size', async () => {
    const bomb = claimedPng(100_000, 100_000);
    expect(bomb.length).toBeLessThan(70);
    const error = await refusal(() => normaliseLogo(bomb));
    expect(error.reason).toBe('too_large');
    expect(error.message).toBe(
      `the logo is 100000×100000 pixels; it may have at most 4 megapixels (2000×2000, say) and ${MAX_LOGO_SIDE} pixels a side`,
    );
  });

  it.each([
    [8_000, 8_000],
    [2_001, 2_000],
    [MAX_LOGO_SIDE + 1, 10],
  ])('refuses %i×%i pixels', async (width, height) => {
    expect((await refusal(() => normaliseLogo(claimedPng(width, height)))).reason).toBe(
      'too_large',
    );
  });

  it('refuses a JPEG whose header claims 60000×60000 pixels', async () => {
    const jpeg = await sharp({
      create: { width: 8, height: 8, channels: 3, background: '#336699' },
    })
      .jpeg()
      .toBuffer();
    // The SOF0 segment holds the height then the width, after its length and precision.
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    jpeg.writeUInt16BE(60_000, sof + 5);
    jpeg.writeUInt16BE(60_000, sof + 7);
    expect(await logoDimensions(jpeg)).toMatchObject({ width: 60_000, height: 60_000 });
    expect((await refusal(() => normaliseLogo(jpeg))).reason).toBe('too_large');
  });

  it('refuses a header within the limits whose data is missing, and what is no image at all', async () => {
    expect((await refusal(() => normaliseLogo(claimedPng(100, 100)))).reason).toBe('unreadable');
    const signatureOnly = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    expect((await refusal(() => normaliseLogo(signatureOnly))).reason).toBe('unreadable');
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .gif()
      .toBuffer();
    expect((await refusal(() => normaliseLogo(gif))).reason).toBe('unreadable');
  });

  it('re-encodes a 2000×1000 JPEG with EXIF as an upright 600×300 8-bit PNG without metadata', async () => {
    const photo = await sharp({
      create: { width: 2_000, height: 1_000, channels: 3, background: '#2a6f4e' },
    })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'Chambre', Artist: 'secret author' } })
      .toBuffer();
    const logo = await normaliseLogo(photo);
    expect(logo).toMatchObject({
      width: STORED_LOGO_SIDE,
      height: 300,
      original: { width: 2_000, height: 1_000 },
    });
    const stored = await sharp(logo.png).metadata();
    expect(stored).toMatchObject({ format: 'png', width: 600, height: 300, depth: 'uchar' });
    expect(stored.exif).toBeUndefined();
    expect(logo.png.includes(Buffer.from('secret author'))).toBe(false);
  });

  it('turns a logo upright by its EXIF orientation, keeps transparency, and never enlarges', async () => {
    const sideways = await sharp({
      create: { width: 40, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const logo = await normaliseLogo(sideways);
    expect([logo.width, logo.height]).toEqual([20, 40]);
    expect((await sharp(logo.png).metadata()).hasAlpha).toBe(true);
  });

  it('reduces a 16-bit PNG at the pixel limit to 8 bits within the stored square', async () => {
    const deep = await sharp({
      create: { width: 2_000, height: MAX_LOGO_PIXELS / 2_000, channels: 3, background: '#123' },
    })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    expect((await sharp(deep).metadata()).depth).toBe('ushort');
    const logo = await normaliseLogo(deep);
    expect([logo.width, logo.height]).toEqual([600, 600]);
    expect((await sharp(logo.png).metadata()).depth).toBe('uchar');
  });
});
