import type { ChambreView } from '@mutualis/invoicing';

/**
 * The Chambre as the training body its documents name (Code du travail L6351-1, R6351-5: the
 * numéro de déclaration d'activité on each), read from its legal identity.
 */
export interface TrainingBody {
  legalName: string;
  addressLines: string[];
  siret: string;
  /** Numéro de déclaration d'activité (NDA); null while the Chambre has not entered it. */
  declarationNumber: string | null;
  email: string | null;
  phone: string | null;
  /** Where documents are made (« Fait à … »). */
  city: string;
}

export function trainingBodyOf(chambre: ChambreView): TrainingBody {
  return {
    legalName: chambre.legalName,
    addressLines: [
      chambre.addressLine1,
      ...(chambre.addressLine2 ? [chambre.addressLine2] : []),
      `${chambre.postalCode} ${chambre.city}`,
    ],
    siret: chambre.siret,
    declarationNumber: chambre.trainingDeclarationNumber,
    email: chambre.email,
    phone: chambre.phone,
    city: chambre.city,
  };
}
