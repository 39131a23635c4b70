import { Injectable } from '@nestjs/common';
import { InvoicingErrorCode, InvoicingException } from '../../invoicing.exception';
import { ChambreRepository } from '../../repositories/chambre.repository';
import { LOGO_SIGNATURES } from '../../services/chambre-logo-formats';
import { InvoiceStorage } from '../../storage/invoice-storage';
import { ChambreLogo } from '../../views/chambre.view';

/** The logo invoices print, as stored. */
@Injectable()
export class GetChambreLogoUseCase {
  constructor(
    private readonly chambres: ChambreRepository,
    private readonly storage: InvoiceStorage,
  ) {}

  async execute(): Promise<ChambreLogo> {
    const { logoPath } = await this.chambres.current();
    if (!logoPath)
      throw new InvoicingException(InvoicingErrorCode.LogoNotFound, 'the Chambre has no logo');
    const { mediaType } = LOGO_SIGNATURES.find(({ extension }) =>
      logoPath.endsWith(`.${extension}`),
    )!;
    return { content: await this.storage.get(logoPath), mediaType };
  }
}
