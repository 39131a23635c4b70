import type { CreateOrganisationBody, LegalForm } from '../types';

export const LEGAL_FORMS: LegalForm[] = [
  'association',
  'scop',
  'scic',
  'cooperative',
  'mutuelle',
  'fondation',
  'esus',
  'other',
];

/** The organisation form as typed; every field is text until it is sent. */
export interface OrganisationForm {
  legalName: string;
  legalForm: LegalForm;
  siret: string;
  rna: string;
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  /** Empty: the api derives it from the postal code. */
  department: string;
  billingEmail: string;
  vatNumber: string;
}

export const EMPTY_ORGANISATION_FORM: OrganisationForm = {
  legalName: '',
  legalForm: 'association',
  siret: '',
  rna: '',
  line1: '',
  line2: '',
  postalCode: '',
  city: '',
  department: '',
  billingEmail: '',
  vatNumber: '',
};

/** Only associations have an RNA number; the field is offered to them only. */
export function asksForRna(legalForm: LegalForm): boolean {
  return legalForm === 'association';
}

/**
 * The api's body for the form. Blank optional fields are left out (null for those the api
 * accepts as null); spaces typed in a SIRET are the api's to normalise. The Chambre alone marks
 * public bodies, and it serves organisations in France only.
 */
export function createOrganisationBody(form: OrganisationForm): CreateOrganisationBody {
  const rna = asksForRna(form.legalForm) ? form.rna.trim() : '';
  return {
    legalName: form.legalName.trim(),
    legalForm: form.legalForm,
    siret: form.siret.trim(),
    rna: rna || null,
    address: {
      line1: form.line1.trim(),
      line2: form.line2.trim() || null,
      postalCode: form.postalCode.trim(),
      city: form.city.trim(),
      country: 'FR',
    },
    ...(form.department ? { department: form.department } : {}),
    billingEmail: form.billingEmail.trim(),
    vatNumber: form.vatNumber.trim() || null,
    isPublicBody: false,
  };
}
