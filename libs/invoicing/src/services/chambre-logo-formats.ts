import type { LogoMediaType } from '../views/chambre.view';

/** The api's body parser refuses larger bodies with 413; other callers get the use case's 400. */
export const MAX_LOGO_BYTES = 512 * 1024;

/** What an upload may be; logos stored since re-encoding are all PNG, older ones may be JPEG. */
export const LOGO_SIGNATURES: { mediaType: LogoMediaType; extension: string; magic: Buffer }[] = [
  {
    mediaType: 'image/png',
    extension: 'png',
    magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  { mediaType: 'image/jpeg', extension: 'jpg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
];
