import { Injectable } from '@nestjs/common';
import { InvoicingErrorCode, InvoicingException } from '../../invoicing.exception';
import { assertEmbeddableImage } from '../../pdf/invoice-pdf.renderer';
import { LogoImageError, normaliseLogo } from '../../pdf/logo-image';
import { LOGO_SIGNATURES, MAX_LOGO_BYTES } from '../../services/chambre-logo-formats';
import { ChambreSettingsWriter } from '../../services/chambre-settings-writer';
import { InvoiceStorage, sha256 } from '../../storage/invoice-storage';
import { ChambreView } from '../../views/chambre.view';

function invalidLogo(message: string): InvoicingException {
  return new InvoicingException(InvoicingErrorCode.InvalidLogo, message, [
    { field: 'logo', message },
  ]);
}

/** Admins set the logo invoices print. */
@Injectable()
export class SetChambreLogoUseCase {
  constructor(
    private readonly storage: InvoiceStorage,
    private readonly writer: ChambreSettingsWriter,
  ) {}

  /**
   * Stores the logo under a key derived from its content and never overwrites it: invoices
   * already issued keep pointing at the logo they were rendered with. What is stored is not
   * what was sent: the image is checked for its size before any pixel is decoded, then
   * re-encoded once as a small PNG without metadata (`normaliseLogo`), which every invoice
   * afterwards prints as it is.
   */
  async execute(content: unknown): Promise<ChambreView> {
    if (!Buffer.isBuffer(content) || content.length === 0)
      throw invalidLogo(
        'send the logo as the request body, with Content-Type image/png or image/jpeg',
      );
    if (content.length > MAX_LOGO_BYTES)
      throw invalidLogo(`the logo must not exceed ${MAX_LOGO_BYTES / 1024} KiB`);
    const signature = LOGO_SIGNATURES.find(({ magic }) =>
      content.subarray(0, magic.length).equals(magic),
    );
    if (!signature) throw invalidLogo('the logo must be a PNG or JPEG image');
    let logo: Buffer;
    try {
      logo = (await normaliseLogo(content)).png;
      // What the PDF renderer will be given: small by now, so this check costs little.
      await assertEmbeddableImage(logo);
    } catch (error) {
      if (error instanceof LogoImageError && error.reason === 'too_large') {
        throw new InvoicingException(InvoicingErrorCode.LogoTooLarge, error.message, [
          { field: 'logo', message: error.message },
        ]);
      }
      throw invalidLogo('the logo is not a readable PNG or JPEG image');
    }
    const key = `chambre/logo-${sha256(logo)}.png`;
    await this.storage.put(key, logo);
    return this.writer.change('chambre.logo.set', { logoPath: key });
  }
}
