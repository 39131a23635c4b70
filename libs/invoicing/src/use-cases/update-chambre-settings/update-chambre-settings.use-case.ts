import { Injectable } from '@nestjs/common';
import { chambreIdentityProblems } from '../../domain/chambre-identity';
import { InvoicingErrorCode, InvoicingException } from '../../invoicing.exception';
import { ChambreSettingsWriter } from '../../services/chambre-settings-writer';
import { ChambreSettings, ChambreView, presentChambre } from '../../views/chambre.view';

/**
 * Admins edit the Chambre's legal identity; saving marks it reviewed, so invoices waiting for
 * it are issued. The identity as a whole must then be printable: a change that leaves (or a
 * save that finds) a wrong SIRET or VAT number is refused, each problem on its field.
 */
@Injectable()
export class UpdateChambreSettingsUseCase {
  constructor(private readonly writer: ChambreSettingsWriter) {}

  async execute(settings: Partial<ChambreSettings>): Promise<ChambreView> {
    return presentChambre(
      await this.writer.change('chambre.updated', { ...settings, configured: true }, (next) => {
        const problems = chambreIdentityProblems(next);
        if (problems.length > 0) {
          throw new InvoicingException(
            InvoicingErrorCode.InvalidSettings,
            problems.map((problem) => `${problem.field} ${problem.message}`).join('; '),
            problems,
          );
        }
      }),
    );
  }
}
