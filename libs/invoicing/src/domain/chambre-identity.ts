import { FieldProblem } from '@mutualis/core';
import { isValidSiren, isValidSiret, sirenOf, vatNumberProblem } from '@mutualis/identity';
import type { Chambre } from '../entities/chambre.entity';

/**
 * What is wrong with the Chambre's identifiers, printed on every invoice: its SIRET (Luhn, La
 * Poste's exception included) and its SIREN (Luhn); its VAT number, required unless it is under
 * the franchise (art. 293 B du CGI), the French one of that SIREN. The database holds the same
 * rules for a Chambre marked reviewed.
 */
export function chambreIdentityProblems(
  chambre: Pick<Chambre, 'siret' | 'vatNumber' | 'vatRegime'>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isValidSiret(chambre.siret)) {
    problems.push({ field: 'siret', message: 'must be 14 digits with a valid check digit (Luhn)' });
  } else if (!isValidSiren(sirenOf(chambre.siret))) {
    problems.push({
      field: 'siret',
      message: `its SIREN ${sirenOf(chambre.siret)} (the first 9 digits) has a wrong check digit (Luhn)`,
    });
  }
  if (chambre.vatNumber === null) {
    if (chambre.vatRegime !== 'franchise') {
      problems.push({
        field: 'vatNumber',
        message: 'is required unless the Chambre is under the franchise (vatRegime franchise)',
      });
    }
  } else if (isValidSiret(chambre.siret)) {
    const problem = vatNumberProblem(chambre.vatNumber, chambre.siret);
    if (problem) problems.push({ field: 'vatNumber', message: problem });
  }
  return problems;
}
